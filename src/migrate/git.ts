import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export type GitState = { kind: 'clean' } | { kind: 'dirty'; files: string[] } | { kind: 'not-a-repo' };

/** Whether `dir` is inside a git work tree with uncommitted changes (untracked files count). */
export function gitState(dir: string): GitState {
  const result = spawnSync('git', ['status', '--porcelain', '--untracked-files=normal', '--', '.'], { cwd: dir, encoding: 'utf8' });
  if (result.error || result.status !== 0) return { kind: 'not-a-repo' };
  const files = result.stdout.split('\n').filter(Boolean).map((line) => line.slice(3));
  return files.length > 0 ? { kind: 'dirty', files } : { kind: 'clean' };
}

/** The first path (of those named on the command line) whose git tree has uncommitted changes; each is checked on its own. */
export function firstDirtyPath(paths: string[], cwd: string): { path: string; files: string[] } | undefined {
  for (const p of paths.length > 0 ? paths : ['.']) {
    const full = path.resolve(cwd, p);
    const state = gitState(existsSync(full) && !isDirectory(full) ? path.dirname(full) : full);
    if (state.kind === 'dirty') return { path: p, files: state.files };
  }
  return undefined;
}

/** Whether any of the paths lies outside a git work tree. */
export function someOutsideGit(paths: string[], cwd: string): boolean {
  return (paths.length > 0 ? paths : ['.']).some((p) => gitTop(path.resolve(cwd, p)) === undefined);
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The top folder of the git work tree holding `start` (a `.git` folder or file there), or undefined. */
export function gitTop(start: string): string | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Stores the files' exact bytes (no filters) as blobs in the repository at `top`; returns their ids in order. */
export function hashObjects(top: string, files: string[]): string[] {
  if (files.length === 0) return [];
  const result = spawnSync('git', ['hash-object', '-w', '--no-filters', '--stdin-paths'], { cwd: top, input: files.join('\n') + '\n', encoding: 'utf8' });
  const ids = result.status === 0 ? result.stdout.split('\n').filter(Boolean) : [];
  if (ids.length !== files.length) throw new Error(`git hash-object failed: ${(result.stderr ?? '').trim() || String(result.error)}`);
  return ids;
}

/** The bytes of blobs in the repository at `top`, by id (one `git cat-file --batch`); a missing blob is absent. */
export function readBlobs(top: string, ids: string[]): Map<string, Buffer> {
  const found = new Map<string, Buffer>();
  if (ids.length === 0) return found;
  const result = spawnSync('git', ['cat-file', '--batch'], { cwd: top, input: ids.join('\n') + '\n', maxBuffer: 1 << 30 });
  if (result.status !== 0) return found;
  const out = result.stdout;
  let at = 0;
  for (const id of ids) {
    const eol = out.indexOf(0x0a, at);
    if (eol === -1) break;
    const header = out.subarray(at, eol).toString('utf8').split(' ');
    at = eol + 1;
    if (header[1] !== 'blob') continue; // "<id> missing"
    const size = Number(header[2]);
    found.set(id, Buffer.from(out.subarray(at, at + size)));
    at += size + 1;
  }
  return found;
}

/** Keeps qianyi's own folder out of `git status` through .git/info/exclude (never the user's .gitignore). */
export function excludeFromGit(top: string, entry: string): void {
  const gitDir = gitDirOf(top);
  if (!gitDir) return;
  const file = path.join(gitDir, 'info', 'exclude');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (current.split(/\r?\n/).includes(entry)) return;
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, `${current === '' || current.endsWith('\n') ? '' : '\n'}${entry}\n`);
}

/** The git directory of a work tree: `.git` itself, or where a `.git` file (worktree, submodule) points. */
function gitDirOf(top: string): string | undefined {
  const result = spawnSync('git', ['rev-parse', '--git-common-dir'], { cwd: top, encoding: 'utf8' });
  if (result.status !== 0) return undefined;
  return path.resolve(top, result.stdout.trim());
}
