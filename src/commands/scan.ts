import path from 'node:path';
import { UsageError } from '../errors.js';
import { scan } from '../scan/scan.js';
import { FORMATS, reporters, type Format } from '../reporters/index.js';
import { toReport } from '../reporters/report.js';
import { startProgress } from '../ui/progress.js';
import { uriBase } from '../util/repo-root.js';
import { checkWritable, resolveFormat, writeOutput } from './output.js';
import { useColor } from '../ui/color.js';
import { allTemplates, loadConfig, scopeGlobs } from '../options.js';
import { writeErr, writeOut } from '../redact/output.js';
import { resolveProviderId } from '../templates/builtins.js';
import { rankProviders, verdictsForSites } from '../policy/verdict.js';
import { stalenessWarnings } from '../templates/catalog.js';
import { providerCost } from '../reporters/cost.js';

export interface ScanCommandOptions {
  format?: string;
  root?: string;
  provider?: string;
  template?: string[];
  config?: string;
  include?: string[];
  exclude?: string[];
  progress: boolean;
  cache: boolean;
  types: boolean;
  performance: boolean;
  output?: string;
}

/** `qianyi scan [paths...]`: returns the exit code. */
export async function scanCommand(paths: string[], options: ScanCommandOptions): Promise<number> {
  const format = parseFormat(resolveFormat('scan', options.format, options.output, FORMATS));
  checkWritable(options.output, '-o');
  const started = performance.now();
  // Templates first: a broken --template or an unknown --provider is reported before any work is done.
  const loaded = loadConfig(path.resolve(paths[0] ?? '.'), options.config);
  const templates = await allTemplates(options.template ?? [], loaded);
  const chosen = options.provider ? [resolveProviderId(options.provider, templates)] : templates;
  for (const line of stalenessWarnings(chosen)) writeErr(`${line}\n`);
  const progress = await startProgress('Finding source files…', { enabled: options.progress && format === 'pretty' });
  let result;
  try {
    result = await scan({
      paths,
      cwd: process.cwd(),
      ...scopeGlobs(options, loaded),
      cache: options.cache,
      types: options.types,
      onProgress(event) {
        if (event.phase === 'candidates') progress.update(`Parsing ${event.files} of ${event.of} files…`);
        else if (event.done % 50 === 0) progress.update(`Parsing ${event.done}/${event.total} files…`);
      },
    });
  } finally {
    progress.stop();
  }
  const results = verdictsForSites(result.sites, chosen);
  const names = Object.fromEntries(chosen.map((t) => [t.id, t.name.en]));
  const costs = Object.fromEntries(chosen.map((t) => [t.id, providerCost(result.sites, t)]));
  const report = toReport(result, { results, ranks: rankProviders(results), names, costs });
  const base = format === 'sarif' ? uriBase(result.root, options.root) : undefined;
  const text = reporters[format](report, { color: !options.output && useColor(process.stdout), base });
  if (options.output) writeOutput(options.output, text, '-o');
  else writeOut(text);
  if (options.performance) {
    const line = {
      // `startup`: from the process's start to this command (Node itself and loading qianyi's modules).
      // `total`: from there to the report. The phases inside it overlap (files are collected while the parser loads).
      phases: { ...result.performance.phases, total: Math.round(performance.now() - started), startup: Math.round(started) },
      files: result.performance.files,
      maxRSS: process.resourceUsage().maxRSS,
    };
    writeErr(`qianyi-performance ${JSON.stringify(line)}\n`);
  }
  return 0;
}

export function parseFormat(value: string): Format {
  if ((FORMATS as string[]).includes(value)) return value as Format;
  throw new UsageError(`unknown format "${value}"`, `Use one of: ${FORMATS.join(', ')}.`);
}
