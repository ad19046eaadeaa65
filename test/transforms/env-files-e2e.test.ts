import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { baseUrlEnv } from '../../src/policy/decide.js';
import { loadBuiltinTemplates, resolveProviderId } from '../../src/templates/load.js';
import { REPO } from '../helpers/exec.js';
import { startMockProvider } from '../helpers/mock-provider.js';
import { buildApp, runApp } from '../helpers/run-app.js';
import { removeDir } from '../helpers/testdir.js';

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

/** Compiles a migrated tree to JavaScript next to a link to this repo's node_modules; removed after the tests. */
function build(tree: string): string {
  const out = buildApp(tree);
  temps.push(out);
  return out;
}

const run = runApp;

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
