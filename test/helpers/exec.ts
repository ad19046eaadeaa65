import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/qianyi.js', import.meta.url));

/** Where spawned CLIs keep their scan cache: never the user's own cache folder. */
export const CACHE_HOME = mkdtempSync(path.join(tmpdir(), 'qianyi-test-cache-'));

/**
 * The day spawned CLIs take as today (QIANYI_TODAY): the templates' staleness warnings depend on the date, and
 * tests that expect a quiet stderr must not start failing when a template's `checked` date ages past 180 days.
 */
export const TODAY = '2026-12-01';

export interface ExecResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Runs the built CLI as a user would, without colour and outside CI detection quirks. */
export function qianyi(args: string[], options: { cwd?: string; env?: Record<string, string>; nodeArgs?: string[] } = {}): ExecResult {
  const result = spawnSync(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], {
    cwd: options.cwd ?? REPO,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', XDG_CACHE_HOME: CACHE_HOME, QIANYI_TODAY: TODAY, ...options.env },
    encoding: 'utf8',
  });
  return { stdout: result.stdout, stderr: result.stderr, code: result.status };
}
