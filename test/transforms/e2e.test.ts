import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/migrate/migrate.js';
import { baseUrlEnv } from '../../src/migrate/plan.js';
import { loadBuiltinTemplates } from '../../src/templates/load.js';
import { REPO } from '../helpers/exec.js';
import { startMockProvider } from '../helpers/mock-provider.js';
import { buildApp, runApp } from '../helpers/run-app.js';
import { removeDir } from '../helpers/testdir.js';

/**
 * The migrated fixture app, run for real against a mock of each provider on 127.0.0.1: every call the
 * migration left supported must succeed, and every call it marked TODO(qianyi) must be one the provider
 * refuses (except a forced tool_choice the migration switched to auto, which is accepted). The app prints one line per feature (fixtures/migrate/app/input/src/main.ts).
 */
const APP = path.join(REPO, 'fixtures/migrate/app');
/** Feature printed by main.ts → the call behind it in the input (file:line, as `qianyi scan` reports it). */
const FEATURE_CALLS: Record<string, string> = {
  chat: 'src/services/chat.ts:5',
  stream: 'src/services/chat.ts:17',
  tools: 'src/services/tools.ts:16',
  json: 'src/services/tools.ts:27',
  class: 'src/services/summarizer.ts:12',
  embeddings: 'src/services/search.ts:5',
};
const KEY = 'test-key-not-a-secret';
const temps: string[] = [];
afterAll(() => temps.forEach(removeDir));

/** Compiles a migrated tree to JavaScript next to a link to this repo's node_modules; removed after the tests. */
function build(tree: string): string {
  const out = buildApp(tree);
  temps.push(out);
  return out;
}

const run = runApp;

describe('migrated app against a mock of each provider', () => {
  for (const template of loadBuiltinTemplates()) {
    it(template.id, async () => {
      const plan = await migrate({ paths: [path.join(APP, 'input')], cwd: APP, template, write: false });
      // A forced tool_choice switched to auto is manual work (the model may now skip the tool), yet the provider takes it.
      const refused = plan.items.filter((i) => i.bucket === 'manual' && !i.reason.includes('became "auto"'));
      const manual = new Set(refused.map((i) => `${i.file}:${i.line}`));
      const mock = await startMockProvider(template, KEY);
      try {
        const out = build(path.join(APP, 'expected', template.id));
        const stdout = await run(out, { [template.apiKey.env]: KEY, [baseUrlEnv(template)]: mock.baseURL, OPENAI_API_KEY: 'must-not-be-used' });
        const results = Object.fromEntries(stdout.trim().split('\n').map((line) => {
          const [feature, rest] = line.split(': ');
          return [feature, rest?.startsWith('ok') ? 'ok' : rest];
        }));
        const expected = Object.fromEntries(Object.entries(FEATURE_CALLS).map(([feature, call]) => [feature, manual.has(call) ? 'refused' : 'ok']));
        const actual = Object.fromEntries(Object.entries(results).map(([feature, r]) => [feature, r === 'ok' ? 'ok' : /^error (400|404)$/.test(r ?? '') ? 'refused' : r]));
        expect(actual).toEqual(expected);
        // Every request went to the provider's path with its key; none used OpenAI's.
        expect(mock.requests.length).toBeGreaterThanOrEqual(Object.values(expected).filter((r) => r === 'ok').length);
        if (results.stream === 'ok') expect(stdout).toContain(`stream: ok "hello from ${template.id}"`);
      } finally {
        await mock.close();
      }
    });
  }
});

it('the feature table matches the fixture app', () => {
  const main = readFileSync(path.join(APP, 'input/src/main.ts'), 'utf8');
  for (const feature of Object.keys(FEATURE_CALLS)) expect(main).toContain(`attempt('${feature}'`);
});
