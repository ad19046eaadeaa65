import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/qianyi.js', import.meta.url));

export interface ExecResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Runs the built CLI as a user would, without colour and outside CI detection quirks. */
export function qianyi(args: string[], options: { cwd?: string; env?: Record<string, string>; nodeArgs?: string[] } = {}): ExecResult {
  const result = spawnSync(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], {
    cwd: options.cwd ?? REPO,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...options.env },
    encoding: 'utf8',
  });
  return { stdout: result.stdout, stderr: result.stderr, code: result.status };
}
