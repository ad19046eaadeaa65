import { createHash } from 'node:crypto';
import {
  accessSync, closeSync, constants, fchmodSync, fdatasyncSync, fchownSync, fsyncSync, lstatSync, openSync, readdirSync, readFileSync,
  renameSync, unlinkSync, writeSync, type Stats,
} from 'node:fs';
import path from 'node:path';
import { QianyiError } from '../errors.js';

/**
 * The one writer. Every byte qianyi puts into a user's file goes through `replaceAll`: each file is checked
 * first (a regular file with one link, writable, still the expected bytes), every new content is staged in
 * a temporary file beside its target and synced, and only then are the temporaries renamed over the targets,
 * each one right after its target is read and compared once more. If any step fails, the files already
 * replaced get their original bytes back and the error names the file. A rename is atomic, so a process
 * killed at any moment leaves each file either whole and old or whole and new; the temporaries it leaves
 * are named after the run and removed by the next one (see apply.ts).
 */

/** One file to replace: what it must still hold, and what it gets. */
export interface Replacement {
  file: string;
  /** Name in messages (relative path). */
  label: string;
  /** sha256 of the bytes the file must hold right before it is replaced; undefined skips the check (undo --force). */
  expect?: string;
  bytes: Buffer;
}

/** A file that cannot be replaced: cli.ts prints the message on one line and exits 2. */
export class WriteError extends QianyiError {
  constructor(readonly label: string, reason: string, readonly wrote = false) {
    super(`${label}: ${reason}; ${wrote ? 'the files already replaced were restored' : 'nothing was written'}`);
  }
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Temporary files are `.<name>.qianyi-<run>.tmp` beside their target. */
export const TEMP_FILE = /^\..+\.qianyi-[\w.-]+\.tmp$/;

export function tempPathFor(file: string, runId: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.qianyi-${runId}.tmp`);
}

/**
 * Test hook, inert unless QIANYI_TEST_KILL_AFTER is set (only the kill test sets it): the process kills
 * itself with SIGKILL at the n-th write step, to prove that no moment of a run tears a file.
 */
const killAfter = process.env.QIANYI_TEST_KILL_AFTER ? Number(process.env.QIANYI_TEST_KILL_AFTER) : undefined;
let steps = 0;
export function writeStep(): void {
  if (killAfter !== undefined && ++steps >= killAfter) process.kill(process.pid, 'SIGKILL');
}

/** Why a file cannot be replaced in place, or undefined when it can. Root bypasses access checks: the mode bits are read too. */
export function unwritableReason(file: string): string | undefined {
  let stat: Stats;
  try {
    stat = lstatSync(file);
  } catch (error) {
    return `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
  }
  if (stat.isSymbolicLink()) return 'is a symbolic link';
  if (!stat.isFile()) return 'is not a regular file';
  if (stat.nlink > 1) return `has ${stat.nlink} hard links (replacing it would split them)`;
  if ((stat.mode & 0o222) === 0) return 'the file is read-only';
  try {
    accessSync(file, constants.W_OK);
  } catch {
    return 'the file is not writable';
  }
  try {
    accessSync(path.dirname(file), constants.W_OK | constants.X_OK);
  } catch {
    return 'its folder is not writable';
  }
  return undefined;
}

/**
 * Writes `bytes` to a new temporary file beside `file`, with the file's mode and owner (or `mode` for a file
 * that does not exist yet), synced to disk.
 */
export function stage(file: string, bytes: Buffer, runId: string, mode = 0o644): string {
  const stat = statOrUndefined(file);
  const temp = tempPathFor(file, runId);
  const fd = openSync(temp, 'wx', (stat?.mode ?? mode) & 0o777);
  try {
    fchmodSync(fd, (stat?.mode ?? mode) & 0o7777);
    if (stat && (process.getuid?.() === 0 || stat.gid !== process.getgid?.())) {
      try {
        fchownSync(fd, stat.uid, stat.gid);
      } catch {
        // not root and not in the file's group: the owner stays the user's, as any editor leaves it
      }
    }
    // Two writes with a step between them, so the kill test also stops inside a half-written temporary.
    const half = bytes.length >> 1;
    writeAll(fd, bytes.subarray(0, half));
    writeStep();
    writeAll(fd, bytes.subarray(half));
    fdatasyncSync(fd); // the data is on disk before the rename makes it the file (size included; cheaper than fsync)
  } catch (error) {
    closeSync(fd);
    removeQuietly(temp);
    throw error;
  }
  closeSync(fd);
  writeStep();
  return temp;
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return lstatSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function writeAll(fd: number, bytes: Buffer): void {
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

export function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // some file systems cannot sync a directory; the rename is still atomic
  }
}

export function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

/** Removes the temporary files a killed run left in these folders; returns how many. */
export function removeStaleTemps(dirs: Iterable<string>): number {
  let removed = 0;
  for (const dir of new Set(dirs)) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!TEMP_FILE.test(name)) continue;
      removeQuietly(path.join(dir, name));
      removed++;
    }
  }
  return removed;
}

/** Replaces (or creates) one file atomically (temporary + rename), without checks: recovery, rollback, manifests. */
export function writeAtomic(file: string, bytes: Buffer, runId: string, mode?: number): void {
  const temp = stage(file, bytes, runId, mode);
  try {
    renameSync(temp, file);
  } catch (error) {
    removeQuietly(temp);
    throw error;
  }
}

/**
 * All or nothing: checks every file, stages every new content, then renames one by one, comparing each
 * target's bytes right before its rename. On failure the replaced files are restored from `originals`
 * (read here, so memory grows with the files changed, not the repository) and a WriteError is thrown.
 */
export function replaceAll(replacements: Replacement[], runId: string): void {
  const originals = new Map<string, Buffer>();
  for (const r of replacements) {
    const reason = unwritableReason(r.file);
    if (reason) throw new WriteError(r.label, reason);
    const current = readFileSync(r.file);
    if (r.expect !== undefined && sha256(current) !== r.expect) throw new WriteError(r.label, 'changed since it was planned');
    originals.set(r.file, current);
  }
  const temps = new Map<string, string>();
  try {
    for (const r of replacements) temps.set(r.file, stage(r.file, r.bytes, runId));
  } catch (error) {
    for (const temp of temps.values()) removeQuietly(temp);
    const failed = replacements.find((r) => !temps.has(r.file))!;
    throw new WriteError(failed.label, `cannot be staged (${errorText(error)})`);
  }
  const replaced: Replacement[] = [];
  try {
    for (const r of replacements) {
      // The user may have saved the file since the plan was made: compare once more, right before the rename.
      if (r.expect !== undefined && sha256(readFileSync(r.file)) !== r.expect) throw new WriteError(r.label, 'changed since it was planned', replaced.length > 0);
      renameSync(temps.get(r.file)!, r.file);
      temps.delete(r.file);
      replaced.push(r);
      writeStep();
    }
  } catch (error) {
    for (const temp of temps.values()) removeQuietly(temp);
    for (const r of replaced.reverse()) writeAtomic(r.file, originals.get(r.file)!, runId);
    if (error instanceof WriteError) throw error;
    const failed = replacements[replaced.length]!;
    throw new WriteError(failed.label, `cannot be written (${errorText(error)})`, replaced.length > 0);
  }
  for (const dir of new Set(replacements.map((r) => path.dirname(r.file)))) fsyncDir(dir);
}

function errorText(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
}
