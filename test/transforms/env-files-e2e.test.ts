import { spawn } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ts } from 'ts-morph';
import { baseUrlEnv } from '../../src/policy/decide.js';
import { loadBuiltinTemplates, resolveProviderId } from '../../src/templates/load.js';
import { REPO } from '../helpers/exec.js';
import { startMockProvider } from '../helpers/mock-provider.js';
import { removeDir, testdir } from '../helpers/testdir.js';
import { readTree } from '../helpers/tree.js';

/**
 * The env-files fixture, migrated, run against a mock of the provider on 127.0.0.1: the clients that read
 * OpenAI's key under other names (OPENAI_KEY, process.env[KEY_VAR]) and its base URL as OPENAI_API_URL now
 * send the provider's key to the provider; the OpenAI variables, still set, are never used.
 */
const CASE = path.join(REPO, 'fixtures/migrate/env-files');
const KEY = 'test-key-not-a-secret';
const templates = loadBuiltinTemplates();
const temps: string[] = [];
afterAll(() => temps.forEach(removeDir));

function build(tree: string): string {
  const out = testdir({ 'package.json': '{ "type": "module" }\n' });
  temps.push(out);
  symlinkSync(path.join(REPO, 'node_modules'), path.join(out, 'node_modules'), 'dir');
  for (const [rel, text] of Object.entries(readTree(tree))) {
    if (!rel.endsWith('.ts')) continue;
    const target = path.join(out, rel.replace(/\.ts$/, '.js'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText);
  }
  return out;
}

function run(dir: string, env: Record<string, string>): Promise<string> {
  // Not spawnSync: the mock answers on this process's event loop.
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(dir, 'src/main.js')], { cwd: dir, env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const timer = setTimeout(() => child.kill(), 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`exit ${code}`));
    });
  });
}

describe('env-files fixture against a mock of each provider', () => {
  for (const id of ['deepseek', 'qwen', 'zhipu', 'qianfan']) {
    it(id, async () => {
      const template = resolveProviderId(id, templates);
      const mock = await startMockProvider(template, KEY);
      try {
        // OpenAI's variables point at the mock too, with the wrong key: a request that still read them fails.
        const env = {
          [template.apiKey.env]: KEY, [baseUrlEnv(template)]: mock.baseURL,
          OPENAI_KEY: 'must-not-be-used', OPEN_AI_API_KEY: 'must-not-be-used', OPENAI_API_KEY: 'must-not-be-used',
          // The SDK's own default for a client without baseURL: nothing may reach OpenAI's host.
          OPENAI_API_URL: mock.baseURL, OPENAI_BASE_URL: mock.baseURL,
        };
        const chat = `${new URL(mock.baseURL).pathname.replace(/\/$/, '')}/chat/completions`;
        const migrated = await run(build(path.join(CASE, 'expected', id)), env);
        expect(migrated).toMatch(/^ask: ok "[^"]+"\nbackup: ok "[^"]+"\n$/);
        expect(mock.requests.map((r) => r.path)).toEqual([chat, chat]);
        const unmigrated = await run(build(path.join(CASE, 'input')), env);
        expect(unmigrated).toBe('ask: error 401\nbackup: error 401\n');
      } finally {
        await mock.close();
      }
    });
  }
});
