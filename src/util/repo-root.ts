import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { toPosix } from './path.js';

/** Where report paths are anchored for code hosts: GitHub places SARIF and annotations relative to the repository. */
export interface UriBase {
  /** Absolute folder the URIs are relative to: `--root`, else the git top level, else the scanned root. */
  dir: string;
  /** POSIX path from `dir` to the scanned root, with a trailing slash ('' when they are the same). */
  prefix: string;
}

export function uriBase(scanRoot: string, explicit?: string): UriBase {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  const root = real(scanRoot);
  let dir = explicit ? real(explicit) : undefined;
  if (!dir) {
    const top = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: root, encoding: 'utf8' });
    dir = !top.error && top.status === 0 && top.stdout.trim() ? real(top.stdout.trim()) : root;
  }
  const rel = toPosix(path.relative(dir, root));
  // A root outside --root cannot be expressed relative to it: keep the scanned root then.
  if (rel.startsWith('..') || path.isAbsolute(rel)) return { dir: root, prefix: '' };
  return { dir, prefix: rel ? `${rel}/` : '' };
}
