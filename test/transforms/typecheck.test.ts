import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/exec.js';

describe('migrated fixtures type-check against the real openai package', () => {
  it('tsc --noEmit passes on every input and expected tree', () => {
    const tsc = path.join(REPO, 'node_modules/typescript/bin/tsc');
    const result = spawnSync(process.execPath, [tsc, '-p', path.join(REPO, 'fixtures/migrate/tsconfig.json'), '--listFilesOnly'], { encoding: 'utf8' });
    // The check must actually cover the migrated trees.
    const listed = result.stdout.split('\n').filter((f) => f.includes('/fixtures/migrate/') && f.includes('/expected/'));
    expect(listed.length).toBeGreaterThanOrEqual(14 * 6);
    const check = spawnSync(process.execPath, [tsc, '-p', path.join(REPO, 'fixtures/migrate/tsconfig.json')], { encoding: 'utf8' });
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});
