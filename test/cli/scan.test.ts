import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qianyi, REPO } from '../helpers/exec.js';
import { removeDir, testdir } from '../helpers/testdir.js';

let dir = '';
beforeAll(() => {
  dir = testdir({
    'src/client.ts': "import OpenAI from 'openai';\nexport const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n",
    'src/chat.ts': [
      "import { openai } from './client';",
      'export async function reply(text: string) {',
      "  return openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: text }], stream: true });",
      '}',
      '',
    ].join('\n'),
    'src/broken.ts': "import OpenAI from 'openai';\nconst x = ;\n",
    'src/plain.ts': 'export const answer = 42;\n',
  });
});
afterAll(() => removeDir(dir));

const base = { sdk: 'openai', api: null, model: null, features: [], confidence: 'certain' };

describe('qianyi scan (CLI)', () => {
  it('shows under each ranked provider what the models this code calls cost there', () => {
    const { stdout, code } = qianyi(['scan', dir, '--no-progress']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/deepseek\s+\d+ ok.*\n\s+per 1M tokens in\/out: deepseek-flash CNY 2 \/ 8 \(2026-12-01\)\n/);
    expect(stdout).toMatch(/sensenova\s+\d+ ok.*\n\s+per 1M tokens in\/out: sensenova-6\.8-flash-lite CNY 0 \/ 0 \(2026-09-30\); free tier: Token Plan Free/);
  });

  it('prints the JSON contract on stdout and nothing on stderr', () => {
    const { stdout, stderr, code } = qianyi(['scan', dir, '--format', 'json']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ tool: 'qianyi', root: dir });
    expect(report.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(report.summary).toMatchObject({ filesScanned: 4, filesWithSites: 2, sites: 4, skipped: 1 });
    // Every site carries a verdict for each of the 14 providers; the contract fields are checked without them.
    for (const site of report.sites) expect(Object.keys(site.verdicts)).toHaveLength(14);
    expect(report.providers).toHaveLength(14);
    expect(report.providers[0]).toEqual({ id: expect.any(String), name: expect.any(String), ok: expect.any(Number), caveat: expect.any(Number), blocked: expect.any(Number), unconfirmed: expect.any(Number), cost: expect.any(Object) });
    // What the code would cost: the models it calls there, priced per million tokens with the source's date.
    expect(report.providers.find((p: { id: string }) => p.id === 'deepseek').cost).toEqual({
      models: [{ model: 'deepseek-flash', price: { model: 'deepseek-flash', currency: 'CNY', input: 2, cachedInput: 0.04, output: 8, free: false, note: expect.stringContaining('peak hours'), date: '2026-12-01' } }],
      freeTier: null,
    });
    expect(report.providers.find((p: { id: string }) => p.id === 'hunyuan').cost).toMatchObject({ models: [{ model: 'hy4', price: null }], freeTier: expect.stringContaining('free quota') });
    expect(report.sites.map(({ verdicts: _v, ...rest }: { verdicts: unknown }) => rest)).toEqual([
      { ...base, id: 'src/chat.ts:3:10:call', file: 'src/chat.ts', line: 3, column: 10, kind: 'call', api: 'chat.completions.create', model: 'gpt-4o', features: ['stream'], name: null, request: 'in-file', modelAt: 'call', clientSite: 'src/client.ts:2:23:client' },
      { ...base, id: 'src/client.ts:1:1:import', file: 'src/client.ts', line: 1, column: 1, kind: 'import', name: 'openai' },
      { ...base, id: 'src/client.ts:2:23:client', file: 'src/client.ts', line: 2, column: 23, kind: 'client', name: 'OpenAI', options: ['apiKey'], keyFrom: 'env:OPENAI_API_KEY' },
      { ...base, id: 'src/client.ts:2:44:env', file: 'src/client.ts', line: 2, column: 44, kind: 'env', name: 'OPENAI_API_KEY', option: 'apiKey' },
    ]);
    expect(report.skipped).toEqual([{ file: 'src/broken.ts', reason: 'syntax error at 2:11: Expression expected.' }]);
  });

  it('prints a readable report without colour when NO_COLOR is set', () => {
    const { stdout, code } = qianyi(['scan', dir]);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/\x1b\[/);
    expect(stdout).toContain('src/chat.ts\n  3:10  call    chat.completions.create  gpt-4o  [stream]');
    expect(stdout).toContain('Skipped 1 file:\n  src/broken.ts  syntax error at 2:11: Expression expected.');
    expect(stdout).toContain('4 sites in 2 of 4 files: 1 import, 1 client, 1 call, 1 env');
    expect(stdout).toMatch(/By API\n {2}chat\.completions\.create {2}1/);
  });

  it('prints SARIF 2.1.0 whose every ruleId is declared', () => {
    const { stdout, code } = qianyi(['scan', dir, '--format', 'sarif']);
    expect(code).toBe(0);
    const log = JSON.parse(stdout);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    const declared = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(run.results).toHaveLength(4);
    for (const result of run.results) {
      expect(declared).toContain(result.ruleId);
      expect(declared[result.ruleIndex]).toBe(result.ruleId);
      expect(result.locations[0].physicalLocation.region.startLine).toBeGreaterThan(0);
    }
    expect(run.results[0]).toMatchObject({
      ruleId: 'qianyi/openai-call',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'src/chat.ts', uriBaseId: 'SRCROOT' }, region: { startLine: 3, startColumn: 10 } } }],
    });
  });

  it('prints Markdown for a pull request comment, and writes to --output', () => {
    const out = path.join(dir, 'report.md');
    const { stdout, code } = qianyi(['scan', dir, '--format', 'markdown', '--output', out]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('## qianyi scan: OpenAI usage');
    expect(text).toContain('**4 sites** in 2 of 4 files.');
    expect(text).toContain('| 3:10 | call | chat.completions.create | `gpt-4o` | stream | certain |');
  });

  it('reports a missing path on one line with exit code 2', () => {
    const { stdout, stderr, code } = qianyi(['scan', path.join(dir, 'missing')]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`qianyi: path not found: ${path.join(dir, 'missing')}\n`);
  });

  it('rejects an unknown format or option with exit code 2', () => {
    const format = qianyi(['scan', dir, '--format', 'xml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain("argument 'xml' is invalid. Allowed choices are pretty, json, sarif, markdown.");
    expect(qianyi(['scan', '--frobnicate']).code).toBe(2);
  });

  it('prints phase timings and peak memory to stderr with --performance', () => {
    const { stderr, code } = qianyi(['scan', dir, '--format', 'json', '--performance', '--no-cache']);
    expect(code).toBe(0);
    const line = stderr.split('\n').find((l) => l.startsWith('qianyi-performance '));
    const perf = JSON.parse(line!.slice('qianyi-performance '.length));
    expect(Object.keys(perf.phases)).toEqual(['discover', 'prefilter', 'load', 'parse', 'detect', 'types', 'total', 'startup']);
    // startup: from the process's start to the command, so the bench can split the wall time without the overlapping phases.
    expect(perf.phases.startup).toBeGreaterThan(0);
    expect(perf.files).toEqual({ discovered: 4, candidates: 3, parsed: 2, cached: 0 });
    expect(perf.maxRSS).toBeGreaterThan(0);
  });

  it('exits 0 with a clear line when there is nothing to report', () => {
    const empty = testdir({ 'a.ts': 'export const x = 1;\n' });
    const { stdout, code } = qianyi(['scan', empty]);
    removeDir(empty);
    expect(code).toBe(0);
    expect(stdout).toBe('No OpenAI usage found in 1 file.\n');
  });
});

describe('start-up', () => {
  it('shows help and version without loading ts-morph', () => {
    const hook = path.join(dir, 'trace.mjs');
    const log = path.join(dir, 'loaded.txt');
    // A loader hook that records every module Node resolves.
    writeFileSync(
      hook,
      `import { register } from 'node:module';\nimport { appendFileSync } from 'node:fs';\n` +
        `register('data:text/javascript,' + encodeURIComponent(\`import { appendFileSync } from 'node:fs';\n` +
        `export async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(${JSON.stringify(log)}, r.url + '\\\\n'); return r; }\`));\n`,
    );
    for (const args of [['--help'], ['scan', '--help'], ['--version']]) {
      const { code, stdout } = qianyi(args, { nodeArgs: ['--import', hook] });
      expect(code).toBe(0);
      expect(stdout.length).toBeGreaterThan(0);
    }
    const loaded = readFileSync(log, 'utf8');
    expect(loaded).toContain('commander');
    expect(loaded).not.toContain('ts-morph');
    expect(loaded).not.toContain('typescript');
    expect(existsSync(log)).toBe(true);
  });

  it('a scan whose files all come from the cache never loads the compiler (issue 14)', () => {
    const hook = path.join(dir, 'trace-scan.mjs');
    const log = path.join(dir, 'loaded-scan.txt');
    writeFileSync(
      hook,
      `import { register } from 'node:module';\n` +
        `register('data:text/javascript,' + encodeURIComponent(\`import { appendFileSync } from 'node:fs';\n` +
        `export async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(${JSON.stringify(log)}, r.url + '\\\\n'); return r; }\`));\n`,
    );
    const first = qianyi(['scan', dir, '--format', 'json', '--performance']);
    expect(first.code).toBe(0);
    const { code, stdout, stderr } = qianyi(['scan', dir, '--format', 'json', '--performance'], { nodeArgs: ['--import', hook] });
    expect(code).toBe(0);
    expect(stdout).toBe(first.stdout);
    expect(JSON.parse(stderr.split('qianyi-performance ')[1]!).files).toMatchObject({ parsed: 0, cached: 3 });
    const loaded = readFileSync(log, 'utf8');
    expect(loaded).toContain('/scan/cache.js');
    expect(loaded).not.toContain('/analysis/typescript/');
    expect(loaded).not.toContain('ts-morph');
  });
});

describe('scan cache (CLI)', () => {
  it('reuses unchanged files on the next scan, with the same report', () => {
    const first = qianyi(['scan', dir, '--format', 'json']);
    const second = qianyi(['scan', dir, '--format', 'json', '--performance']);
    expect(second.stdout).toBe(first.stdout);
    const perf = JSON.parse(second.stderr.split('\n').find((l) => l.startsWith('qianyi-performance '))!.slice(19));
    expect(perf.files).toMatchObject({ candidates: 3, parsed: 0, cached: 3 });
    expect(perf.phases.load).toBe(0);
  });
});

describe('type checker fallback (CLI)', () => {
  const fixture = path.join(REPO, 'fixtures/projects/types-fallback');
  const calls = (args: string[]) =>
    JSON.parse(qianyi(['scan', fixture, '--format', 'json', '--no-cache', ...args]).stdout).sites.map((s: { line: number; confidence: string }) => `${s.line}:${s.confidence}`);

  it('decides likely calls with the types of installed packages, unless --no-types', () => {
    expect(calls([])).toEqual(['7:certain', '18:likely']);
    expect(calls(['--no-types'])).toEqual(['7:likely', '9:likely', '18:likely']);
  });
});
