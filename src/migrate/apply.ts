import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Journal, journalRootFor, type RunManifest } from './journal.js';
import type { MigrationPlan, PlannedFile } from './migrate.js';
import { removeStaleTemps, replaceAll, sha256, unwritableReason, WriteError } from './write.js';

export interface AppliedRun {
  /** The run id `qianyi undo --list` shows. */
  id: string;
  /** The folder holding `.qianyi/`. */
  journal: string;
  files: string[];
}

/**
 * Writes exactly what the plan says, all or nothing (see write.ts), and records the run for `qianyi undo`.
 * Every file is checked before anything is written: still the planned bytes, a regular file with one link,
 * writable. Pass the journal when the caller already holds its lock (the migrate command takes it before its
 * git check); otherwise it is taken here. Throws a WriteError naming the file when the run cannot be applied.
 */
export function apply(plan: MigrationPlan, options: { journal?: Journal; onRecovered?: (message: string) => void } = {}): AppliedRun | undefined {
  // A file that uses OpenAI but is not UTF-8 cannot be migrated: migrating the others would leave an app
  // half on each provider, so nothing is written until it is converted or excluded.
  const undecodable = plan.skipped.find((s) => s.encoding);
  if (undecodable) throw new WriteError(undecodable.file, `not valid UTF-8 (likely ${undecodable.encoding}), convert it to UTF-8 or --exclude it`);
  const changes = plannedChanges(plan);
  if (changes.length === 0) return undefined;
  let journal = options.journal;
  if (!journal) {
    const locked = Journal.lock(journalRootFor(plan.root));
    journal = locked.journal;
    for (const message of locked.recovered) options.onRecovered?.(message);
  }
  try {
    return applyLocked(plan, changes, journal);
  } finally {
    if (!options.journal) journal.unlock();
  }
}

/** The files a plan changes: code and .env files. */
export function plannedChanges(plan: MigrationPlan): PlannedFile[] {
  return [...plan.files, ...plan.envFiles];
}

function applyLocked(plan: MigrationPlan, changes: PlannedFile[], journal: Journal): AppliedRun {
  removeStaleTemps(changes.map((c) => path.dirname(c.file)));
  const current: Buffer[] = [];
  for (const change of changes) {
    const reason = unwritableReason(change.file);
    if (reason) throw new WriteError(change.rel, reason);
    const bytes = readFileSync(change.file);
    if (sha256(bytes) !== change.sha256) throw new WriteError(change.rel, 'changed since it was planned');
    current.push(bytes);
  }
  const id = journal.newRunId();
  const originals = journal.storeOriginals(changes.map((c, i) => ({ file: c.file, bytes: current[i]! })));
  const after = changes.map((c) => Buffer.from(c.after, 'utf8'));
  const run: RunManifest = {
    version: 1,
    id,
    status: 'applying',
    command: 'migrate',
    provider: plan.provider,
    region: plan.region,
    ...(plan.routes.length > 0 ? { routes: plan.routes } : {}),
    startedAt: new Date().toISOString(),
    files: changes.map((c, i) => ({ path: journal.relative(c.file), before: c.sha256, after: sha256(after[i]!), original: originals[i]! })),
  };
  journal.save(run);
  try {
    replaceAll(changes.map((c, i) => ({ file: c.file, label: c.rel, expect: c.sha256, bytes: after[i]! })), id);
  } catch (error) {
    journal.forget(run);
    throw error;
  }
  journal.save({ ...run, status: 'applied', finishedAt: new Date().toISOString() });
  return { id, journal: journal.root, files: changes.map((c) => c.rel) };
}
