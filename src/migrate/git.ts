import { spawnSync } from 'node:child_process';

export type GitState = { kind: 'clean' } | { kind: 'dirty'; files: string[] } | { kind: 'not-a-repo' };

/** Whether `dir` is inside a git work tree with uncommitted changes (untracked files count). */
export function gitState(dir: string): GitState {
  const result = spawnSync('git', ['status', '--porcelain', '--untracked-files=normal', '--', '.'], { cwd: dir, encoding: 'utf8' });
  if (result.error || result.status !== 0) return { kind: 'not-a-repo' };
  const files = result.stdout.split('\n').filter(Boolean).map((line) => line.slice(3));
  return files.length > 0 ? { kind: 'dirty', files } : { kind: 'clean' };
}
