import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { combinationsFor, redact } from '../../src/commands/verify.js';
import { loadBuiltinTemplates, resolveProviderId } from '../../src/templates/load.js';
import type { Site } from '../../src/scan/sites.js';
import { BIN, CACHE_HOME } from '../helpers/exec.js';
import { startMockProvider, type MockProvider } from '../helpers/mock-provider.js';
import { removeDir, testdir } from '../helpers/testdir.js';

/**
 * `qianyi verify` against a strict mock of DeepSeek on 127.0.0.1: DeepSeek rejects json_schema on Chat
 * Completions, and a model the user mapped by hand is neither listed nor served. The mock quotes the key in
 * every error message, as careless providers do; the report must never show it.
 */
const deepseek = resolveProviderId('deepseek', loadBuiltinTemplates());
const KEY = 'sk-verifytest0123456789abcdef';
let dir = '';
let mock: MockProvider;

beforeAll(async () => {
  dir = testdir({
    'src/chat.ts': [
      "import OpenAI from 'openai';",
      'const openai = new OpenAI();',
      "export const a = () => openai.chat.completions.create({ model: 'gpt-4o', messages: [], stream: true });",
      "export const b = () => openai.chat.completions.create({ model: 'gpt-4o', messages: [], response_format: { type: 'json_schema', json_schema: { name: 'x', schema: {} } } });",
      "export const c = () => openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [] });",
      "export const d = () => openai.chat.completions.create({ model: 'gpt-4o', messages: [] });",
      '',
    ].join('\n'),
  });
  mock = await startMockProvider(deepseek, KEY, { echoKey: true });
});
afterAll(async () => {
  await mock.close();
  removeDir(dir);
});

/** Runs the CLI without blocking this process, which serves the mock. */
function run(args: string[], env: Record<string, string>): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', XDG_CACHE_HOME: CACHE_HOME, QIANYI_TODAY: '2026-12-01', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ stdout, stderr, code }));
  });
}

const args = ['verify', '.', '--provider', 'deepseek', '--model', 'gpt-4o-mini=deepseek-v9-imaginary', '--no-progress'];
const env = () => ({ DEEPSEEK_API_KEY: KEY, DEEPSEEK_BASE_URL: mock.baseURL });

describe('qianyi verify (CLI, against the mock)', () => {
  it('reports a rejected feature and an unlisted model with the provider’s message, exits 1, prints no key', async () => {
    const { stdout, stderr, code } = await run([...args, '--format', 'json'], env());
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout + stderr).not.toContain(KEY);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(['provider', 'baseURL', 'checks', 'summary']);
    expect(report).toMatchObject({ provider: 'deepseek', baseURL: mock.baseURL });
    for (const check of report.checks) expect(Object.keys(check)).toEqual(['id', 'endpoint', 'model', 'feature', 'status', 'httpStatus', 'message']);
    const byId = Object.fromEntries(report.checks.map((c: { id: string }) => [c.id, c]));
    expect(byId['models:deepseek-flash']).toMatchObject({ status: 'pass', httpStatus: 200 });
    expect(byId['models:deepseek-v9-imaginary']).toMatchObject({ status: 'fail', message: expect.stringContaining('deepseek-v9-imaginary is not in deepseek') });
    expect(byId['chat:deepseek-flash:basic']).toMatchObject({ status: 'pass', httpStatus: 200, message: 'ok' });
    expect(byId['chat:deepseek-flash:stream']).toMatchObject({ status: 'pass', httpStatus: 200 });
    expect(byId['chat:deepseek-flash:json_schema']).toEqual({
      id: 'chat:deepseek-flash:json_schema', endpoint: 'chat', model: 'deepseek-flash', feature: 'json_schema', status: 'fail', httpStatus: 400,
      message: 'This response_format type is unavailable now (request authorised with Bearer ***)',
    });
    expect(byId['chat:deepseek-v9-imaginary:basic']).toMatchObject({ status: 'fail', httpStatus: 400, message: 'model deepseek-v9-imaginary does not exist on deepseek (request authorised with Bearer ***)' });
    expect(report.summary).toEqual({ pass: 3, fail: 3, skipped: 0, requests: 5 });
    // The models were listed once, and every request carried the key to the provider's path.
    expect(mock.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/models'))).toHaveLength(1);
  });

  it('prints a table with the provider’s messages', async () => {
    const { stdout, code } = await run(args, env());
    expect(code).toBe(1);
    expect(stdout).not.toContain(KEY);
    expect(stdout).toMatch(/^deepseek at http:\/\/127\.0\.0\.1:\d+\n/);
    expect(stdout).toMatch(/^fail\s+chat\s+deepseek-flash\s+json_schema\s+400\s+This response_format type is unavailable now/m);
    expect(stdout).toMatch(/^pass\s+chat\s+deepseek-flash\s+stream\s+200\s+ok$/m);
    expect(stdout).toContain('3 passed, 3 failed, 0 skipped; 5 requests sent');
  });

  it('stops at --max-requests and marks the rest skipped', async () => {
    const { stdout, code } = await run([...args, '--format', 'json', '--max-requests', '2'], env());
    const report = JSON.parse(stdout);
    expect(report.summary.requests).toBe(2);
    expect(report.checks.filter((c: { status: string }) => c.status === 'skipped').map((c: { message: string }) => c.message)).toContain('over --max-requests 2');
    expect(code).toBe(1);
  });

  it('exits 0 when everything passes', async () => {
    const { stdout, code } = await run(['verify', 'src/chat.ts', '--provider', 'deepseek', '--exclude', 'nothing', '--format', 'json', '--max-requests', '3'], env());
    const report = JSON.parse(stdout);
    expect(report.checks.filter((c: { status: string }) => c.status === 'fail')).toEqual([]);
    expect(code).toBe(0);
  });

  it('without a key: one line naming the variable, exit 2', async () => {
    const { stdout, stderr, code } = await run(args, { DEEPSEEK_BASE_URL: mock.baseURL });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('qianyi: no API key: set DEEPSEEK_API_KEY to your DeepSeek key\n');
  });

  it('a bad --max-requests is a usage error', async () => {
    const { stderr, code } = await run([...args, '--max-requests', 'lots'], env());
    expect(code).toBe(2);
    expect(stderr).toBe('qianyi: --max-requests takes a whole number of at least 1 (got "lots")\n');
  });
});

describe('combinationsFor and redact', () => {
  const call = (over: Partial<Site>): Site => ({ id: 'a', file: 'a.ts', line: 1, column: 1, kind: 'call', sdk: 'openai', api: 'chat.completions.create', model: 'gpt-4o', features: [], confidence: 'certain', name: null, start: 0, end: 0, ...over });

  it('one combination per endpoint, model and feature, forced tool_choice included; unprobed APIs are skipped', () => {
    const zhipu = resolveProviderId('zhipu', loadBuiltinTemplates());
    const { combos, unprobed } = combinationsFor([
      call({ features: ['tools', 'tool_choice'], toolChoice: 'required' }),
      call({ line: 2, features: ['tools'] }),
      call({ api: 'embeddings.create', model: 'text-embedding-3-small' }),
      call({ api: 'images.generate', model: 'dall-e-3' }),
    ], zhipu);
    expect(combos.map((c) => `${c.endpoint}:${c.model}:${c.feature}`)).toEqual([
      'chat:glm-4.6v:basic', 'chat:glm-4.6v:tools', 'chat:glm-4.6v:tool_choice:required', 'embeddings:embedding-3:basic',
    ]);
    expect(unprobed.map((c) => c.id)).toEqual(['images:cogview-4']);
  });

  it('hides the key and bearer tokens', () => {
    expect(redact(`bad key ${KEY}; Authorization: Bearer abc.def`, KEY)).toBe('bad key ***; Authorization: Bearer ***');
    expect(redact('echo sk-0123456789abcdefXYZ', 'other-key')).toBe('echo sk-***');
  });
});
