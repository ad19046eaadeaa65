import { planEnvFiles } from './env-files.js';
import { applyEdits, EditConflictError } from './edits.js';
import { unifiedDiff } from './diff.js';
import { firstSyntaxError, scriptKindOf, ts } from '../analysis/typescript/parse.js';
import { planFile, type Bucket, type PlanItem } from './plan.js';
import { analyze, type Marker, type ScanOptions } from '../scan/scan.js';
import { writeAtomic } from './write.js';
import type { Template } from '../templates/schema.js';

export type FileStatus = 'changed' | 'unchanged' | 'skipped' | 'error';

export interface FileOutcome {
  file: string;
  status: FileStatus;
  /** What changed in this file (migrated and review items). */
  edits: Array<{ line: number; bucket: Bucket; reason: string }>;
  /** Why the file was skipped or failed. */
  reason?: string;
  /** Unified diff, secrets redacted; only when the file changes. */
  diff?: string;
}

export interface MigrateOptions extends ScanOptions {
  template: Template;
  region?: string;
  models?: Record<string, string>;
  /** False for --dry-run and `check`: plan and diff, write nothing. */
  write: boolean;
}

export interface MigrateResult {
  provider: string;
  region: string;
  root: string;
  files: FileOutcome[];
  items: PlanItem[];
  /** TODO(qianyi) markers in the code as it is now (before this run writes). */
  markers: Marker[];
  summary: {
    filesScanned: number;
    changed: number;
    unchanged: number;
    skipped: number;
    errors: number;
    migrated: number;
    review: number;
    manual: number;
  };
}

/**
 * scan → plan → render → validate → (write). A file is written only when its new text still parses; a file
 * that fails (conflicting edits, invalid result, write error) is reported and the run goes on.
 */
export async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  const analysis = await analyze(options);
  const region = options.region ?? options.template.defaultRegion;
  const files: FileOutcome[] = [];
  const items: PlanItem[] = [];

  for (const file of analysis.files) {
    const plan = planFile(file, { template: options.template, region, models: options.models }, analysis.evaluator);
    items.push(...plan.items);
    const edits = plan.items.filter((i) => i.bucket !== 'manual').map(({ line, bucket, reason }) => ({ line, bucket, reason }));
    if (plan.edits.length === 0) {
      files.push({ file: file.rel, status: 'unchanged', edits: [] });
      continue;
    }
    let after: string;
    try {
      after = applyEdits(file.text, plan.edits);
    } catch (error) {
      if (!(error instanceof EditConflictError)) throw error;
      files.push({ file: file.rel, status: 'error', edits, reason: `conflicting edits (${error.message}); the file was left as it is` });
      continue;
    }
    if (after === file.text) {
      files.push({ file: file.rel, status: 'unchanged', edits: [] });
      continue;
    }
    const broken = firstSyntaxError(ts.createSourceFile(file.file, after, ts.ScriptTarget.Latest, false, scriptKindOf(file.file)));
    if (broken) {
      files.push({ file: file.rel, status: 'error', edits, reason: `the edited text would not parse (${broken}); the file was left as it is` });
      continue;
    }
    const outcome: FileOutcome = { file: file.rel, status: 'changed', edits, diff: unifiedDiff(file.rel, file.text, after) };
    if (options.write) {
      try {
        writeAtomic(file.file, after);
      } catch (error) {
        outcome.status = 'error';
        outcome.reason = `cannot be written: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    files.push(outcome);
  }

  for (const change of planEnvFiles(analysis.root, options.template.apiKey.env, options.exclude)) {
    const outcome: FileOutcome = {
      file: change.rel,
      status: 'changed',
      edits: [{ line: lineAfter(change.before, change.after), bucket: 'migrated', reason: `added ${options.template.apiKey.env}= (empty: fill in your ${options.template.name.en} key)` }],
      diff: unifiedDiff(change.rel, change.before, change.after, true),
    };
    if (options.write) {
      try {
        writeAtomic(change.file, change.after);
      } catch (error) {
        outcome.status = 'error';
        outcome.reason = `cannot be written: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    files.push(outcome);
  }

  for (const skip of analysis.skipped) files.push({ file: skip.file, status: 'skipped', edits: [], reason: skip.reason });
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  items.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));

  const count = (status: FileStatus) => files.filter((f) => f.status === status).length;
  const bucket = (b: Bucket) => items.filter((i) => i.bucket === b).length;
  return {
    provider: options.template.id,
    region,
    root: analysis.root,
    files,
    items,
    markers: analysis.markers,
    summary: {
      filesScanned: analysis.filesScanned,
      changed: count('changed'),
      unchanged: count('unchanged'),
      skipped: count('skipped'),
      errors: count('error'),
      migrated: bucket('migrated'),
      review: bucket('review'),
      manual: bucket('manual'),
    },
  };
}

/** The 1-based line of the first line that differs. */
function lineAfter(before: string, after: string): number {
  let i = 0;
  while (i < before.length && before[i] === after[i]) i++;
  return before.slice(0, i).split('\n').length + (before[i - 1] === '\n' || i === 0 ? 0 : 1);
}
