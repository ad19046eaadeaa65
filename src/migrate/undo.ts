import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { findJournal, Journal, type RunFile, type RunManifest } from './journal.js';
import { replaceAll, sha256, WriteError } from './write.js';

export interface UndoOutcome {
  run: RunManifest;
  /** Files given their original bytes back (POSIX, relative to the journal root). */
  restored: string[];
  /** Files that already held their original bytes. */
  unchanged: string[];
  /** Runs a killed process had left half done, rolled back first. */
  recovered: string[];
}

/** The runs recorded for `start` (a folder or a file in it), oldest first; empty when none. */
export function listRuns(start: string): { root?: string; runs: RunManifest[] } {
  const journal = findJournal(folderOf(start));
  return journal ? { root: journal.root, runs: journal.runs().filter((r) => r.status !== 'applying') } : { runs: [] };
}

/**
 * Puts back the original bytes of every file the last applied run changed, through the same all-or-nothing
 * writer. A file changed since that run is refused (nothing is written) unless `force`.
 */
export function undoLast(start: string, options: { force?: boolean } = {}): UndoOutcome {
  const found = findJournal(folderOf(start));
  if (!found) throw new UsageError(`no qianyi run is recorded for ${start}`, 'undo reverts what qianyi migrate wrote; its record is kept in .qianyi/ at the repository root');
  const { journal, recovered } = Journal.lock(found.root);
  try {
    const run = journal.runs().filter((r) => r.status === 'applied').at(-1);
    if (!run) throw new UsageError(`nothing to undo under ${journal.root}: every recorded run is undone already`);
    return { ...restore(journal, run, options.force === true), recovered };
  } finally {
    journal.release();
  }
}

function restore(journal: Journal, run: RunManifest, force: boolean): Omit<UndoOutcome, 'recovered'> {
  const pending: Array<{ file: RunFile; now: string }> = [];
  const unchanged: string[] = [];
  for (const file of run.files) {
    let now: string;
    try {
      now = sha256(readFileSync(journal.resolve(file)));
    } catch {
      throw new WriteError(file.path, `no longer exists, so run ${run.id} cannot be undone`);
    }
    if (now === file.before) {
      unchanged.push(file.path);
      continue;
    }
    if (now !== file.after && !force) throw new WriteError(file.path, `changed since run ${run.id} (pass --force to restore it anyway)`);
    pending.push({ file, now });
  }
  const originals = journal.originals(pending.map((p) => p.file));
  for (const { file } of pending) {
    if (!originals.has(file)) throw new WriteError(file.path, `its original (${describe(file)}) is no longer stored`);
  }
  replaceAll(pending.map(({ file, now }) => ({ file: journal.resolve(file), label: file.path, expect: now, bytes: originals.get(file)! })), journal.newRunId());
  const undone: RunManifest = { ...run, status: 'undone', undoneAt: new Date().toISOString() };
  journal.save(undone);
  journal.pruneObjects();
  return { run: undone, restored: pending.map((p) => p.file.path), unchanged };
}

function describe(file: RunFile): string {
  return 'blob' in file.original ? `git blob ${file.original.blob}` : `.qianyi/${file.original.object}`;
}

function folderOf(start: string): string {
  try {
    return statSync(start).isDirectory() ? start : path.dirname(start);
  } catch {
    return start;
  }
}
