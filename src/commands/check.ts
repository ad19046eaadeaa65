import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { pendingWork } from '../migrate/pending.js';
import { checkMarkdown } from '../reporters/markdown.js';
import { baselineJson, checkPretty, checkSarif, githubAnnotations, migrationJson, verdictLine, type CheckView } from '../reporters/migration.js';
import { useColor } from '../ui/color.js';
import { writeErr, writeOut } from '../redact/output.js';
import { uriBase } from '../util/repo-root.js';
import { prepare, runMigration, type MigrateCommandOptions } from './migrate.js';
import { checkWritable, resolveFormat, writeOutput } from './output.js';

export interface CheckCommandOptions extends Omit<MigrateCommandOptions, 'format'> {
  format?: string;
  output?: string;
  /** Print the diffs; default: on a terminal, off in CI. */
  diff?: boolean;
  quiet?: boolean;
  baseline?: string;
  writeBaseline?: string;
  root?: string;
}

export const CHECK_FORMATS = ['pretty', 'json', 'sarif', 'markdown'] as const;

/** `qianyi check [paths...]`: 0 nothing pending, 1 work pending, 2 error. README "Pending work". */
export async function checkCommand(paths: string[], options: CheckCommandOptions): Promise<number> {
  const format = resolveFormat('check', options.format, options.output, CHECK_FORMATS);
  checkWritable(options.output, '-o');
  checkWritable(options.writeBaseline, '--write-baseline');
  if (options.root && !existsSync(options.root)) throw new UsageError(`--root ${options.root}: no such folder`);
  const baseline = options.baseline ? readBaseline(options.baseline) : undefined;
  const prepared = await prepare(paths, { ...options, format }, 'check');
  if ('missing' in prepared) throw new UsageError('check needs a provider: pass --provider <id>');
  const toTerminal = !options.output && format === 'pretty';
  const result = await runMigration(paths, prepared, false, options.progress && toTerminal && !options.quiet);
  const view: CheckView = {
    result, template: prepared.template, dryRun: true, command: 'check',
    outcome: pendingWork(result, baseline), base: uriBase(result.root, options.root),
  };
  const inActions = process.env.GITHUB_ACTIONS === 'true';
  const annotations = githubAnnotations(view);
  const diff = options.diff ?? (process.stdout.isTTY === true && !process.env.CI);
  const color = toTerminal && useColor(process.stdout);
  const text = format === 'json' ? migrationJson(view)
    : format === 'sarif' ? checkSarif(view)
    : format === 'markdown' ? checkMarkdown(view, inActions ? annotations.hidden : undefined)
    : options.quiet ? `${verdictLine(view)}\n` : checkPretty(view, { color, diff });

  if (options.writeBaseline) writeOutput(options.writeBaseline, baselineJson(view), '--write-baseline');
  if (options.output) {
    writeOutput(options.output, text, '-o');
    writeOut(`${verdictLine(view)}\n`);
  } else {
    writeOut(text);
  }
  if (inActions && annotations.text) {
    // Workflow commands are read from stdout; when stdout carries a machine document they go to stderr (also read).
    (options.output || format === 'pretty' ? writeOut : writeErr)(annotations.text);
  }
  if (process.env.GITHUB_STEP_SUMMARY) {
    try {
      appendFileSync(process.env.GITHUB_STEP_SUMMARY, checkMarkdown(view, inActions ? annotations.hidden : undefined));
    } catch (error) {
      writeErr(`qianyi: warning: cannot append to GITHUB_STEP_SUMMARY (${(error as NodeJS.ErrnoException).code ?? String(error)})\n`);
    }
  }
  if (result.summary.errors > 0) return 2;
  if (options.writeBaseline) return 0;
  return view.outcome.passed ? 0 : 1;
}

/** The keys a `--write-baseline` file accepted; one clear line when it is missing or not one. */
function readBaseline(file: string): Set<string> {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`--baseline ${file}: ${code === 'ENOENT' ? 'no such file' : code ?? 'not JSON'}`, 'write one with qianyi check --write-baseline <file>');
  }
  const pending = (doc as { pending?: unknown }).pending;
  if (!Array.isArray(pending) || !pending.every((p) => typeof (p as { key?: unknown })?.key === 'string')) {
    throw new UsageError(`--baseline ${file}: not a qianyi baseline (it needs "pending": [{ "key": ... }])`);
  }
  return new Set(pending.map((p) => (p as { key: string }).key));
}
