import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/index.js';
import { REPO } from '../helpers/exec.js';
import { copyFixture, removeDir, testdir } from '../helpers/testdir.js';

/**
 * The scan cache must never change what a scan reports: a file is taken from the cache only while its text and
 * the texts of the modules its sites were derived from are unchanged.
 */
let cacheHome = '';
const previous = process.env.XDG_CACHE_HOME;
const temps: string[] = [];
beforeAll(() => {
  cacheHome = mkdtempSync(path.join(tmpdir(), 'qianyi-cache-'));
  process.env.XDG_CACHE_HOME = cacheHome;
});
afterAll(() => {
  if (previous === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = previous;
  removeDir(cacheHome);
  temps.forEach(removeDir);
});

const strip = (r: Awaited<ReturnType<typeof scan>>) => ({ sites: r.sites, skipped: r.skipped, filesScanned: r.filesScanned });

describe('scan cache', () => {
  const projects = path.join(REPO, 'fixtures/projects');
  for (const name of readdirSync(projects)) {
    it(`gives the same result as a fresh scan: ${name}`, async () => {
      const dir = copyFixture(path.join(projects, name));
      temps.push(dir);
      const fresh = await scan({ paths: [dir], cwd: dir });
      const first = await scan({ paths: [dir], cwd: dir, cache: true });
      const second = await scan({ paths: [dir], cwd: dir, cache: true });
      expect(strip(first)).toEqual(strip(fresh));
      expect(strip(second)).toEqual(strip(fresh));
      // Files with calls the type checker looked at depend on installed packages: they are never cached.
      const likelyFiles = new Set(fresh.sites.filter((s) => s.kind === 'call' && s.confidence === 'likely').map((s) => s.file));
      expect(second.performance.files.cached + second.performance.files.parsed).toBe(fresh.performance.files.candidates);
      if (fresh.performance.phases.types === 0) expect(second.performance.files.parsed).toBe(0);
      else expect(second.performance.files.parsed).toBeGreaterThanOrEqual(likelyFiles.size);
    });
  }

  it('re-analyses a file when a module it takes its client from changes', async () => {
    const dir = testdir({
      'src/lib/client.ts': "import OpenAI from 'openai';\nexport const client = new OpenAI();\n",
      'src/chat.ts': "import { client } from './lib/client';\nclient.chat.completions.create({ model: 'x', messages: [] });\n",
    });
    temps.push(dir);
    const calls = async () => (await scan({ paths: [dir], cwd: dir, cache: true })).sites.filter((s) => s.kind === 'call').map((s) => `${s.file}:${s.confidence}`);
    expect(await calls()).toEqual(['src/chat.ts:certain']);
    expect(await calls()).toEqual(['src/chat.ts:certain']);
    // The client becomes Groq's: chat.ts is unchanged, but its call is no longer OpenAI's.
    writeFileSync(path.join(dir, 'src/lib/client.ts'), "import Groq from 'groq-sdk';\nexport const client = new Groq();\n");
    expect(await calls()).toEqual([]);
    // The module disappears: the call can no longer be traced, so it is only likely.
    rmSync(path.join(dir, 'src/lib/client.ts'));
    expect(await calls()).toEqual(['src/chat.ts:likely']);
  });

  it('never caches a file with calls for the type checker, so --no-types cannot leak into a later scan', async () => {
    const dir = testdir({ 'src/a.js': 'export function ask(client) { return client.chat.completions.create({}); }\n' });
    temps.push(dir);
    await scan({ paths: [dir], cwd: dir, cache: true, types: false });
    const again = await scan({ paths: [dir], cwd: dir, cache: true });
    expect(again.performance.files).toMatchObject({ parsed: 1, cached: 0 });
  });

  it('re-analyses a file when the tsconfig paths that resolve its imports change', async () => {
    const dir = testdir({
      'tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }',
      'src/ai.ts': "import OpenAI from 'openai';\nexport const ai = new OpenAI();\n",
      'other/ai.ts': "import Groq from 'groq-sdk';\nexport const ai = new Groq();\n",
      'src/use.ts': "import { ai } from '@/ai';\nai.embeddings.create({ model: 'text-embedding-3-small', input: 'x' });\n",
    });
    temps.push(dir);
    const calls = async () => (await scan({ paths: [dir], cwd: dir, cache: true })).sites.filter((s) => s.kind === 'call').length;
    expect(await calls()).toBe(1);
    writeFileSync(path.join(dir, 'tsconfig.json'), '{ "compilerOptions": { "paths": { "@/*": ["./other/*"] } } }');
    expect(await calls()).toBe(0);
  });

  it('keeps its file in node_modules/.cache/qianyi when the root has node_modules, and survives a corrupt one', async () => {
    const dir = testdir({ 'src/a.ts': "import OpenAI from 'openai';\nnew OpenAI();\n" });
    temps.push(dir);
    mkdirSync(path.join(dir, 'node_modules'));
    await scan({ paths: [dir], cwd: dir, cache: true });
    const file = path.join(dir, 'node_modules/.cache/qianyi/scan.json');
    expect(existsSync(file)).toBe(true);
    writeFileSync(file, '{ not json');
    const result = await scan({ paths: [dir], cwd: dir, cache: true });
    expect(result.sites.map((s) => s.kind)).toEqual(['import', 'client']);
    expect(result.performance.files.parsed).toBe(1);
  });
});
