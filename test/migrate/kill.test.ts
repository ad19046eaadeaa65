import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { plan, type MigrationPlan } from '../../src/migrate/migrate.js';
import { sha256 } from '../../src/migrate/write.js';
import { analyze } from '../../src/scan/scan.js';
import { loadBuiltinTemplates, resolveProviderId } from '../../src/templates/load.js';
import { BIN, CACHE_HOME, REPO } from '../helpers/exec.js';
import { gitInit } from '../helpers/git.js';
import { removeDir } from '../helpers/testdir.js';

/**
 * SIGKILL at any moment of a run leaves every file either its original bytes or its complete new bytes, and
 * the next run rolls the interrupted one back and finishes, leaving no temporary file. The writer kills
 * itself at its n-th write step through QIANYI_TEST_KILL_AFTER (a hook that is inert unless that variable
 * is set): every step of staging, renaming and recording is a possible point. The 300-file repository sits
 * on tmpfs when there is one, so the test measures the writer, not the disk's fsync.
 */
const FILES = 300;
const POINTS = 50;
const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const temps: string[] = [];
afterAll(() => temps.forEach(removeDir));

function repository(): string {
  const dir = mkdtempSync(path.join(base, 'qianyi-kill-'));
  temps.push(dir);
  mkdirSync(path.join(dir, 'src'));
  writeFileSync(path.join(dir, '.env.example'), 'OPENAI_API_KEY=\n');
  for (let i = 0; i < FILES - 1; i++) {
    writeFileSync(path.join(dir, 'src', `f${i}.ts`), [
      "import OpenAI from 'openai';",
      'const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });',
      `export const ask${i} = () => client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'question ${i}' }] });`,
      '',
    ].join(i % 3 === 0 ? '\r\n' : '\n'));
  }
  gitInit(dir);
  return dir;
}

/** A small, seeded generator: a failing point can be run again. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
}

function tempFilesUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tmp$|\.part$/.test(entry.name)) found.push(path.relative(dir, full));
    }
  };
  walk(dir);
  return found;
}

describe('a run killed at any moment', () => {
  it(`tears no file at ${POINTS} random points on a ${FILES}-file repository, and the next run finishes`, async () => {
    const dir = repository();
    const template = resolveProviderId('zhipu', loadBuiltinTemplates());
    const planned: MigrationPlan = plan(await analyze({ paths: [dir], cwd: dir }), { template });
    const changes = [...planned.files, ...planned.envFiles];
    expect(changes).toHaveLength(FILES);
    const planFile = path.join(dir, '..', `${path.basename(dir)}.plan.json`);
    temps.push(planFile);
    writeFileSync(planFile, JSON.stringify(planned));
    // The way back, so that each point starts from the other end without a git checkout: the same writer.
    const backFile = path.join(dir, '..', `${path.basename(dir)}.back.json`);
    temps.push(backFile);
    const back = (c: (typeof changes)[number]) => ({ ...c, sha256: sha256(c.after), after: readFileSync(c.file, 'utf8') });
    writeFileSync(backFile, JSON.stringify({ ...planned, files: planned.files.map(back), envFiles: planned.envFiles.map(back) }));
    const runner = path.join(dir, '..', `${path.basename(dir)}.apply.mjs`);
    temps.push(runner);
    writeFileSync(runner, [
      `import { readFileSync } from 'node:fs';`,
      `import { apply } from ${JSON.stringify(pathToFileURL(path.join(REPO, 'dist/migrate/apply.js')).href)};`,
      `apply(JSON.parse(readFileSync(process.argv[2], 'utf8')));`,
    ].join('\n'));
    const original = new Map(changes.map((c) => [c.file, readFileSync(c.file)]));
    const migrated = new Map(changes.map((c) => [c.file, Buffer.from(c.after, 'utf8')]));
    const run = (file: string, killAfter?: number) => spawnSync(process.execPath, [runner, file], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, ...(killAfter ? { QIANYI_TEST_KILL_AFTER: String(killAfter) } : {}) },
    });

    // Steps: two per staged file (half written, synced) and per manifest saved (two saves), one per rename.
    const steps = 3 * changes.length + 4;
    const seed = Date.now() % 1_000_000;
    const next = random(seed);
    for (let k = 0; k < POINTS; k++) {
      const point = 1 + Math.floor(((k + next()) * steps) / POINTS);
      const forward = k % 2 === 0;
      const context = `seed ${seed}, ${forward ? 'forward' : 'back'}, kill after step ${point}`;
      const killed = run(forward ? planFile : backFile, point);
      expect(killed.signal, `${context}: ${killed.stderr}`).toBe('SIGKILL');
      for (const [file, bytes] of readFiles(changes.map((c) => c.file))) {
        const whole = bytes.equals(original.get(file)!) || bytes.equals(migrated.get(file)!);
        expect(whole, `${context}: ${file} is torn`).toBe(true);
      }
      const finished = run(forward ? planFile : backFile);
      expect(finished.status, `${context}: ${finished.stderr}`).toBe(0);
      const target = forward ? migrated : original;
      for (const [file, bytes] of readFiles(changes.map((c) => c.file))) expect(bytes.equals(target.get(file)!), `${context}: ${file}`).toBe(true);
      expect(tempFilesUnder(dir), context).toEqual([]);
    }
  }, 120_000);

  it('the CLI: `migrate` killed mid-write, then run again without --force, rolls back and finishes', () => {
    const dir = repository();
    const cli = (env: Record<string, string>) => spawnSync(process.execPath, [BIN, 'migrate', '.', '--provider', 'zhipu', '--yes', '--format', 'json'], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: CACHE_HOME, ...env },
    });
    const killed = cli({ QIANYI_TEST_KILL_AFTER: String(2 + FILES * 2 + 39) }); // manifest saved, every file staged, 39 renamed
    expect(killed.signal).toBe('SIGKILL');
    const again = cli({});
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/^qianyi: an interrupted run \(\S+\) was rolled back: 39 files restored\n/);
    expect(JSON.parse(again.stdout).summary.changed).toBe(FILES);
    expect(tempFilesUnder(dir)).toEqual([]);
  }, 60_000);
});

function readFiles(files: string[]): Array<[string, Buffer]> {
  return files.map((f) => [f, readFileSync(f)]);
}
