import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltinTemplates, resolveProviderId } from '../../src/templates/load.js';
import { BIN, CACHE_HOME, qianyi, REPO, TODAY } from '../helpers/exec.js';
import { startMockProvider, type MockProvider } from '../helpers/mock-provider.js';
import { copyFixture, removeDir } from '../helpers/testdir.js';
import { fixtureRepo } from '../helpers/git.js';
import { KEY, Terminal } from '../helpers/pty.js';
import { readTree } from '../helpers/tree.js';

/**
 * `--route embeddings=qwen` on a DeepSeek migration (DeepSeek has no embeddings endpoint), end to end on
 * fixtures/migrate/route: flag errors, migrate's JSON and run record, check before and after (the routed sites
 * count as done once migrated under the route, pending otherwise), and verify against two strict mocks, each
 * provider with its own key.
 */
const templates = loadBuiltinTemplates();
const deepseek = resolveProviderId('deepseek', templates);
const qwen = resolveProviderId('qwen', templates);
const FIXTURE = path.join(REPO, 'fixtures/migrate/route/input');
const temps: string[] = [];
afterAll(() => temps.forEach(removeDir));

function project(): string {
  const dir = copyFixture(FIXTURE);
  temps.push(dir);
  return dir;
}

describe('--route usage errors', () => {
  const dir = project();
  const cases: Array<[string, RegExp]> = [
    ['embeddings', /--route "embeddings": not <capability>=<provider>/],
    ['chat=qwen', /--route chat=qwen: "chat" is not a capability a route can take/],
    ['embeddings=nosuch', /--route embeddings=nosuch: unknown provider "nosuch"/],
    ['embeddings=deepseek', /--route embeddings=deepseek: deepseek is the provider of this migration already/],
    ['embeddings=moonshot', /--route embeddings=moonshot: Moonshot Kimi does not serve the embeddings endpoint either/],
  ];
  for (const [value, message] of cases) {
    it(value, () => {
      const { stderr, stdout, code } = qianyi(['migrate', '.', '--provider', 'deepseek', '--route', value, '--dry-run', '--no-progress'], { cwd: dir });
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
      // One line and its hint: the usage of the flag.
      expect(stderr).toContain('--route takes <capability>=<provider>, e.g. --route embeddings=qwen');
      expect(stderr.trim().split('\n')).toHaveLength(2);
    });
  }
  it('a route twice', () => {
    const { stderr, code } = qianyi(['check', '.', '--provider', 'deepseek', '--route', 'embeddings=qwen', '--route', 'embeddings=siliconflow', '--no-progress'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/--route embeddings=siliconflow: embeddings is routed twice/);
  });
  it('the moonshot error names the providers that serve embeddings', () => {
    const { stderr } = qianyi(['migrate', '.', '--provider', 'deepseek', '--route', 'embeddings=moonshot', '--dry-run'], { cwd: dir });
    expect(stderr).toMatch(/providers that serve it: .*qwen/);
    expect(stderr).not.toMatch(/providers that serve it: .*deepseek/);
  });
});

describe('migrate and check with --route embeddings=qwen', () => {
  const dir = project();
  const route = ['--provider', 'deepseek', '--route', 'embeddings=qwen', '--no-progress'];

  it('check before: the routed sites are pending work for the route', () => {
    const { stdout, code } = qianyi(['check', '.', ...route, '--format', 'json'], { cwd: dir });
    expect(code).toBe(1);
    const doc = JSON.parse(stdout);
    expect(doc.routes).toEqual([{ capability: 'embeddings', provider: 'qwen', region: 'cn', apiKeyEnv: 'DASHSCOPE_API_KEY', baseURLEnv: 'DASHSCOPE_BASE_URL', baseURL: 'https://dashscope.aliyuncs.com/compatible-mode/v1' }]);
    const whys = doc.pending.map((p: { file: string; line: number; why: string }) => `${p.file}:${p.line} ${p.why}`);
    expect(whys).toContain('src/search.ts:17 migrate would change it: embeddings.create now goes to Alibaba Qwen through openaiEmbeddings');
    expect(whys).toContain('src/vectors.ts:4 migrate would change it: client now calls Alibaba Qwen at https://dashscope.aliyuncs.com/compatible-mode/v1 with the key in DASHSCOPE_API_KEY');
  });

  it('migrate --format json: routes, the provider of routed items, the run record', () => {
    const { stdout, code } = qianyi(['migrate', '.', ...route, '--yes', '--format', 'json'], { cwd: dir });
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.provider).toBe('deepseek');
    expect(doc.routes.map((r: { capability: string; provider: string }) => `${r.capability}=${r.provider}`)).toEqual(['embeddings=qwen']);
    const routed = (items: Array<{ file: string; line: number; provider?: string }>) => items.filter((m) => m.provider === 'qwen').map((m) => `${m.file}:${m.line}`);
    expect(routed(doc.migrated)).toEqual(['src/vectors.ts:4']);
    // The embedding models are mapped too, and reported for review: vectors stored from the old model must be embedded again.
    // (next to the notes on Qwen's partial embeddings support, at the calls).
    expect(routed(doc.review)).toEqual(['src/search.ts:6', 'src/search.ts:17', 'src/search.ts:22', 'src/search.ts:22', 'src/vectors.ts:7', 'src/vectors.ts:7']);
    const reembed = doc.review.filter((m: { reason: string }) => /embed them again/.test(m.reason)).map((m: { file: string; line: number }) => `${m.file}:${m.line}`);
    expect(reembed).toEqual(['src/search.ts:6', 'src/search.ts:22', 'src/vectors.ts:7']);
    // Items of the run's own provider carry no provider field (the contract only grows).
    expect(doc.migrated.find((m: { file: string; line: number }) => m.file === 'src/search.ts' && m.line === 9)).not.toHaveProperty('provider');
    expect(doc.files.find((f: { file: string }) => f.file === '.env.example').edits.map((e: { reason: string }) => e.reason)).toEqual([
      'added DEEPSEEK_API_KEY= (empty: fill in your DeepSeek key)',
      'added DASHSCOPE_API_KEY= (empty: fill in your Alibaba Qwen key, for --route)',
    ]);
    expect(readFileSync(path.join(dir, 'src/search.ts'), 'utf8')).toBe(readFileSync(path.join(REPO, 'fixtures/migrate/route/expected/deepseek+route/src/search.ts'), 'utf8'));
    const runs = readdirSync(path.join(dir, '.qianyi/runs'));
    expect(runs).toHaveLength(1);
    const record = JSON.parse(readFileSync(path.join(dir, '.qianyi/runs', runs[0]!), 'utf8'));
    expect(record.routes).toEqual(doc.routes);
  });

  it('check after, without --route: the recorded route makes the routed sites done; only the marked call is left', () => {
    const { stdout, stderr, code } = qianyi(['check', '.', '--provider', 'deepseek', '--no-progress', '--format', 'json'], { cwd: dir });
    expect(stderr).toMatch(/routes of run \S+: --route embeddings=qwen/);
    expect(code).toBe(1);
    const doc = JSON.parse(stdout);
    expect(doc.pending.map((p: { file: string; line: number; type: string }) => `${p.file}:${p.line}:${p.type}`)).toEqual(['src/shared.ts:12:manual']);
  });

  it('check for another provider does not take the recorded route (it belongs to the DeepSeek run)', () => {
    // Judged for Qwen alone, the DeepSeek client is work again; the clients already on Qwen are not.
    const { stdout, code } = qianyi(['check', '.', '--provider', 'qwen', '--no-progress', '--format', 'json'], { cwd: dir });
    expect(code).toBe(1);
    const doc = JSON.parse(stdout);
    expect(doc.routes).toEqual([]);
    const files = doc.pending.map((p: { file: string; line: number }) => `${p.file}:${p.line}`);
    expect(files).toContain('src/search.ts:4');
    expect(files).not.toContain('src/vectors.ts:4');
  });

  it('a second migrate with the route changes nothing', () => {
    const { stdout, code } = qianyi(['migrate', '.', ...route, '--yes', '--format', 'json'], { cwd: dir });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).summary.changed).toBe(0);
  });
});

describe('verify with --route embeddings=qwen (two mocks on 127.0.0.1)', () => {
  const DS_KEY = 'sk-routeds0123456789abcdef';
  const QW_KEY = 'sk-routeqw0123456789abcdef';
  let ds: MockProvider;
  let qw: MockProvider;
  let dir = '';
  beforeAll(async () => {
    dir = project();
    ds = await startMockProvider(deepseek, DS_KEY, { echoKey: true });
    qw = await startMockProvider(qwen, QW_KEY, { echoKey: true });
  });
  afterAll(async () => {
    await ds.close();
    await qw.close();
  });

  function run(args: string[], env: Record<string, string>): Promise<{ stdout: string; stderr: string; code: number | null }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', XDG_CACHE_HOME: CACHE_HOME, QIANYI_TODAY: TODAY, ...env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ stdout, stderr, code }));
    });
  }
  const args = ['verify', '.', '--provider', 'deepseek', '--route', 'embeddings=qwen', '--no-progress'];

  it('sends chat to DeepSeek and embeddings to Qwen, each with its own key', async () => {
    const env = { DEEPSEEK_API_KEY: DS_KEY, DEEPSEEK_BASE_URL: ds.baseURL, DASHSCOPE_API_KEY: QW_KEY, DASHSCOPE_BASE_URL: qw.baseURL };
    const { stdout, stderr, code } = await run([...args, '--format', 'json'], env);
    expect(stderr).toBe('');
    expect(stdout).not.toContain(DS_KEY);
    expect(stdout).not.toContain(QW_KEY);
    const report = JSON.parse(stdout);
    expect(report.provider).toBe('deepseek');
    expect(report.checks.map((c: { id: string; status: string }) => `${c.id} ${c.status}`)).toEqual([
      'models:deepseek-flash pass',
      'chat:deepseek-flash:basic pass',
    ]);
    expect(report.routes).toHaveLength(1);
    expect(report.routes[0]).toMatchObject({ capability: 'embeddings', provider: 'qwen', baseURL: qw.baseURL });
    expect(report.routes[0].checks.map((c: { id: string; status: string }) => `${c.id} ${c.status}`)).toEqual([
      'models:text-embedding-v4 pass',
      'embeddings:text-embedding-v4:basic pass',
    ]);
    expect(code).toBe(0);
    // No embeddings request reached DeepSeek; no chat request reached Qwen.
    expect(ds.requests.map((r) => r.path)).not.toContainEqual(expect.stringMatching(/embeddings$/));
    expect(qw.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual([expect.stringMatching(/\/embeddings$/)]);
  });

  it('a missing key of the second provider is one line naming its variable (exit 2)', async () => {
    const { stdout, stderr, code } = await run(args, { DEEPSEEK_API_KEY: DS_KEY, DEEPSEEK_BASE_URL: ds.baseURL });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/no API key: set DASHSCOPE_API_KEY to your Alibaba Qwen key \(for --route\)/);
  });

  it('after the migration, the marked call still on the DeepSeek client is judged on DeepSeek, not sent to Qwen', async () => {
    expect(qianyi(['migrate', '.', '--provider', 'deepseek', '--route', 'embeddings=qwen', '--yes', '--no-progress'], { cwd: dir }).code).toBe(0);
    const env = { DEEPSEEK_API_KEY: DS_KEY, DEEPSEEK_BASE_URL: ds.baseURL, DASHSCOPE_API_KEY: QW_KEY, DASHSCOPE_BASE_URL: qw.baseURL };
    const { stdout, code } = await run([...args, '--format', 'json'], env);
    const report = JSON.parse(stdout);
    // DeepSeek names no embedding model, so the call that stays on its client cannot be probed there.
    expect(report.checks.find((c: { id: string }) => c.id.startsWith('embeddings:'))).toMatchObject({ status: 'skipped', message: expect.stringContaining('src/shared.ts:12') });
    expect(report.routes[0].checks.map((c: { id: string; status: string }) => `${c.id} ${c.status}`)).toContain('embeddings:text-embedding-v4:basic pass');
    expect(code).toBe(0);
  });
});

describe('the wizard offers a route when the chosen provider lacks an endpoint the code uses', () => {
  it('DeepSeek + Qwen for embeddings: the tree is the golden deepseek+route output, and the config and command keep the route', async () => {
    const dir = fixtureRepo(FIXTURE, temps);
    const term = new Terminal(['migrate', '.'], dir);
    let at = await term.waitFor('Which provider should this code move to?');
    await term.waitFor('navigate', at);
    const list = term.text.slice(at).split('\n').filter((l) => /ok · \d+ caveat/.test(l));
    term.type(KEY.down.repeat(list.findIndex((l) => l.includes('DeepSeek'))) + KEY.enter);
    at = await term.waitFor('DeepSeek does not offer the embeddings endpoint (4 calls). Send those calls to a second provider?', at);
    const end = await term.waitFor('navigate', at);
    // The choices: the lines between the question and the key hint.
    const options = term.text.slice(at, end).split('\n').slice(1).filter((l) => l.trim() !== '' && !l.includes('navigate') && !l.includes('--route'));
    expect(options[0]).toMatch(/no: leave them as manual work/);
    term.type(KEY.down.repeat(options.findIndex((l) => l.includes('Alibaba Qwen'))) + KEY.enter);
    // Only the first provider's models are asked: the embedding models go by Qwen's map.
    at = await term.waitFor('gpt-4o →', at);
    term.type(KEY.enter);
    at = await term.waitFor('gpt-4o-mini →', at);
    term.type(KEY.enter);
    at = await term.waitFor('apply this change?', at);
    expect(term.text).not.toMatch(/text-embedding-3-small →/);
    term.type(KEY.down + KEY.down + KEY.enter);
    at = await term.waitFor('Write the changes to 5 file(s)? (y/N)', at);
    term.type('y');
    term.type(KEY.enter);
    at = await term.waitFor('for qianyi check and later runs?', at);
    term.type(KEY.enter);
    at = await term.waitFor('Repeat this run without prompts:', at);
    expect(await term.exited).toBe(0);
    const command = /qianyi migrate \. (.*)\n/.exec(term.text.slice(at))![1]!;
    expect(command).toBe('--provider deepseek --route embeddings=qwen --yes');
    expect(JSON.parse(readFileSync(path.join(dir, 'qianyi.config.json'), 'utf8'))).toEqual({ provider: 'deepseek', region: 'global', routes: { embeddings: 'qwen' } });
    const tree = readTree(dir);
    delete tree['qianyi.config.json'];
    expect(tree).toEqual(readTree(path.join(REPO, 'fixtures/migrate/route/expected/deepseek+route')));
    // The saved config carries the route: check passes the routed sites with no flag and no run record.
    removeDir(path.join(dir, '.qianyi'));
    const check = qianyi(['check', '.', '--no-progress', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(check.stdout).pending.map((p: { file: string; line: number }) => `${p.file}:${p.line}`)).toEqual(['src/shared.ts:12']);
  });
});
