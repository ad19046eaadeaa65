import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/migrate/migrate.js';
import { baseUrlEnv } from '../../src/migrate/plan.js';
import { mapModel } from '../../src/sources/openai/models.js';
import { loadBuiltinTemplates, resolveProviderId } from '../../src/templates/load.js';
import { REPO } from '../helpers/exec.js';
import { startMockProvider } from '../helpers/mock-provider.js';
import { buildApp, runApp } from '../helpers/run-app.js';
import { removeDir } from '../helpers/testdir.js';

/**
 * The migrated AI SDK and LangChain fixture apps, run for real (the pinned ai, @ai-sdk/openai-compatible and
 * @langchain/openai) against a mock of the provider on 127.0.0.1: every feature the migration moved must reach
 * the mock's chat-completions or embeddings path with the provider's key and the mapped model; a feature it
 * left as manual work (DeepSeek has no embeddings) is not run, since it still goes to OpenAI.
 */
interface Feature {
  /** The call behind it in the input, as the plan reports it (file:line). */
  call: string;
  /** The OpenAI model the input names: the request must carry its mapping. */
  model: string;
  path: '/chat/completions' | '/embeddings';
}
const APPS: Record<string, Record<string, Feature>> = {
  'ai-sdk': {
    chat: { call: 'src/chat.ts:5', model: 'gpt-4o', path: '/chat/completions' },
    stream: { call: 'src/chat.ts:10', model: 'gpt-4o-mini', path: '/chat/completions' },
    embeddings: { call: 'src/chat.ts:17', model: 'text-embedding-3-small', path: '/embeddings' },
    summary: { call: 'src/custom.ts:10', model: 'gpt-4.1', path: '/chat/completions' },
  },
  langchain: {
    chat: { call: 'src/chat.ts:16', model: 'gpt-4o-mini', path: '/chat/completions' },
    writer: { call: 'src/chat.ts:21', model: 'gpt-4o', path: '/chat/completions' },
    embeddings: { call: 'src/chat.ts:26', model: 'text-embedding-3-small', path: '/embeddings' },
  },
};
const PROVIDERS = ['deepseek', 'qwen', 'zhipu', 'qianfan'];
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

const run = (dir: string, features: string[], env: Record<string, string>) => runApp(dir, env, features, 60_000);

for (const [app, features] of Object.entries(APPS)) {
  const dir = path.join(REPO, 'fixtures/migrate', app);
  describe(`migrated ${app} app against a mock of the provider`, () => {
    for (const id of PROVIDERS) {
      it(id, async () => {
        const template = resolveProviderId(id, templates);
        const plan = await migrate({ paths: [path.join(dir, 'input')], cwd: dir, template, write: false });
        const manual = new Set(plan.items.filter((i) => i.bucket === 'manual').map((i) => `${i.file}:${i.line}`));
        const moved = Object.keys(features).filter((f) => !manual.has(features[f]!.call));
        // Only a provider without an endpoint leaves a feature behind: DeepSeek's embeddings.
        const left = Object.keys(features).filter((f) => !moved.includes(f));
        expect(left).toEqual(template.capabilities.embeddings.support === 'no' ? ['embeddings'] : []);

        const mock = await startMockProvider(template, KEY);
        try {
          const out = build(path.join(dir, 'expected', id));
          // Anything still pointed at OpenAI would fail here, on a closed local port, never reaching OpenAI.
          const stdout = await run(out, moved, {
            [template.apiKey.env]: KEY, [baseUrlEnv(template)]: mock.baseURL,
            OPENAI_API_KEY: 'must-not-be-used', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
          });
          expect(stdout.trim().split('\n')).toEqual(moved.map((f) => `${f}: ok`));
          const base = new URL(mock.baseURL).pathname.replace(/\/$/, '');
          const sent = mock.requests.map((r) => `${r.path.slice(base.length)} ${String(r.body.model)}`).sort();
          const wanted = moved.map((f) => `${features[f]!.path} ${mapModel(template, features[f]!.model).model}`).sort();
          expect(sent).toEqual(wanted);
        } finally {
          await mock.close();
        }
      }, 90_000);
    }
  });
}
