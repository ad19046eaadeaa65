import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/migrate/migrate.js';
import { undoLast } from '../../src/migrate/undo.js';
import { loadBuiltinTemplates, resolveProviderId } from '../../src/templates/load.js';
import { parseRoutes } from '../../src/policy/route.js';
import { qianyi, REPO } from '../helpers/exec.js';
import { fixtureRepo, gitInit } from '../helpers/git.js';
import { copyFixture, removeDir, testdir } from '../helpers/testdir.js';
import { snapshot } from '../helpers/tree.js';

const casesDir = path.join(REPO, 'fixtures/migrate');
const templates = loadBuiltinTemplates();
const temps: string[] = [];
afterAll(() => temps.forEach(removeDir));

/** Every file under .qianyi/, as bytes. */
function journalBytes(dir: string): Buffer[] {
  const out: Buffer[] = [];
  const walk = (current: string): void => {
    if (!existsSync(current)) return;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(readFileSync(full));
    }
  };
  walk(path.join(dir, '.qianyi'));
  return out;
}

describe('undo round-trips every migrate fixture to its exact original bytes', () => {
  for (const name of readdirSync(casesDir).filter((n) => existsSync(path.join(casesDir, n, 'case.json'))).sort()) {
    const config = JSON.parse(readFileSync(path.join(casesDir, name, 'case.json'), 'utf8')) as { providers: 'all' | string[]; models?: Record<string, string>; region?: string; routes?: Record<string, Record<string, string>> };
    const providers = config.providers === 'all' ? templates.map((t) => t.id) : config.providers;
    for (const inGit of [true, false]) {
      it(`${name} (${inGit ? 'git blobs' : 'outside git: compressed copies'}), every provider`, async () => {
        const input = path.join(casesDir, name, 'input');
        const dir = inGit ? fixtureRepo(input, temps) : copyFixture(input);
        if (!inGit) temps.push(dir);
        const original = snapshot(dir);
        for (const provider of providers) {
          // `deepseek+route`: the provider before the `+`, with the case's --route values.
          const template = resolveProviderId(provider.split('+')[0]!, templates);
          const routes = parseRoutes(Object.entries(config.routes?.[provider] ?? {}).map(([c, p]) => `${c}=${p}`), template, templates);
          const result = await migrate({ paths: [dir], cwd: dir, template, models: config.models, region: config.region, routes, write: true });
          expect(result.summary.changed, provider).toBeGreaterThan(0);
          expect(snapshot(dir), provider).not.toEqual(original);
          const undone = undoLast(dir);
          expect(undone.restored.length, provider).toBe(result.summary.changed);
          expect(snapshot(dir), provider).toEqual(original);
        }
      });
    }
  }
});

describe('qianyi undo (CLI)', () => {
  it('restores the last run, lists the runs, and refuses a file changed since unless --force', () => {
    const dir = fixtureRepo(path.join(casesDir, 'app/input'), temps);
    const original = snapshot(dir);
    expect(qianyi(['undo', dir]).stderr).toBe(`qianyi: no qianyi run is recorded for ${dir}\nundo reverts what qianyi migrate wrote; its record is kept in .qianyi/ at the repository root\n`);
    expect(qianyi(['migrate', dir, '--provider', 'zhipu', '--yes']).code).toBe(0);
    const migrated = snapshot(dir);
    const chat = path.join(dir, 'src/services/chat.ts');
    writeFileSync(chat, `${readFileSync(chat, 'utf8')}// my edit\n`);
    const refused = qianyi(['undo', dir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^qianyi: src\/services\/chat\.ts: changed since run \S+ \(pass --force to restore it anyway\); nothing was written\n$/);
    expect(snapshot(dir)).toEqual({ ...migrated, 'src/services/chat.ts': snapshot(dir)['src/services/chat.ts'] });

    const forced = qianyi(['undo', dir, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/^Undid run \S+ \(migrate → zhipu\): 6 files restored byte for byte\.\n/);
    expect(snapshot(dir)).toEqual(original);
    expect(qianyi(['undo', dir]).stderr).toBe(`qianyi: nothing to undo under ${dir}: every recorded run is undone already\n`);

    const list = qianyi(['undo', '--list', dir]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`^Runs recorded in ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\.qianyi \\(newest last\\):\\n  \\S+  undone   migrate → zhipu \\(cn\\)  6 files  \\S+\\n$`));
    const json = JSON.parse(qianyi(['undo', '--list', dir, '--format', 'json']).stdout);
    expect(json.runs).toHaveLength(1);
    expect(json.runs[0]).toMatchObject({ status: 'undone', provider: 'zhipu', files: expect.arrayContaining(['src/services/chat.ts', '.env.example']) });
    // The record refers to git blobs: .qianyi/ holds no copy of any file.
    const manifest = JSON.parse(readFileSync(path.join(dir, '.qianyi/runs', `${json.runs[0].id}.json`), 'utf8'));
    expect(manifest.files.every((f: { original: { blob?: string } }) => /^[0-9a-f]{40,64}$/.test(f.original.blob ?? ''))).toBe(true);
    expect(existsSync(path.join(dir, '.qianyi/objects'))).toBe(false);
  });

  it('outside git, keeps no secret in clear text under .qianyi/, and drops the copies once undone', () => {
    const secret = 'sk-proj-abcdefghijklmnop1234567890';
    const dir = testdir({ 'src/a.ts': `import OpenAI from 'openai';\nexport const c = new OpenAI({ apiKey: '${secret}' });\n`, '.env': `OPENAI_API_KEY=${secret}\n` });
    temps.push(dir);
    expect(qianyi(['migrate', dir, '--provider', 'deepseek', '--yes']).code).toBe(0);
    const stored = journalBytes(dir);
    expect(stored.length).toBeGreaterThan(2);
    expect(stored.some((b) => b.includes(secret))).toBe(false);
    const objects = path.join(dir, '.qianyi/objects');
    expect(readdirSync(objects).every((n) => (statSync(path.join(objects, n)).mode & 0o077) === 0)).toBe(true);
    expect(qianyi(['undo', dir]).code).toBe(0);
    expect(readFileSync(path.join(dir, '.env'), 'utf8')).toBe(`OPENAI_API_KEY=${secret}\n`);
    expect(readdirSync(objects)).toEqual([]);
  });

  it('undoes the runs one after another, newest first', () => {
    const dir = testdir({ 'a.ts': "import OpenAI from 'openai';\nexport const c = new OpenAI();\n" });
    temps.push(dir);
    gitInit(dir);
    const original = readFileSync(path.join(dir, 'a.ts'), 'utf8');
    expect(qianyi(['migrate', dir, '--provider', 'deepseek', '--yes']).code).toBe(0);
    const first = readFileSync(path.join(dir, 'a.ts'), 'utf8');
    gitInit(dir); // commit, so the second run sees a clean tree
    expect(qianyi(['migrate', path.join(dir, 'a.ts'), '--provider', 'zhipu', '--yes']).code).toBe(0);
    expect(qianyi(['undo', dir]).code).toBe(0);
    expect(readFileSync(path.join(dir, 'a.ts'), 'utf8')).toBe(first);
    expect(qianyi(['undo', dir]).code).toBe(0);
    expect(readFileSync(path.join(dir, 'a.ts'), 'utf8')).toBe(original);
  });
});
