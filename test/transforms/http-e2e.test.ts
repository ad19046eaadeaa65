import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { baseUrlEnv } from '../../src/migrate/plan.js';
import { mapModel } from '../../src/sources/openai/models.js';
import { resolveProviderId, loadBuiltinTemplates } from '../../src/templates/load.js';
import { startMockProvider } from '../helpers/mock-provider.js';
import { REPO } from '../helpers/exec.js';
import { buildApp, runApp } from '../helpers/run-app.js';
import { removeDir } from '../helpers/testdir.js';

/**
 * The migrated hand-written fetch requests (fixtures/migrate/http), run against a mock of each provider on
 * 127.0.0.1: each request that moved reaches the provider's path with the provider's key and the mapped model.
 */
const FIXTURE = path.join(REPO, 'fixtures/migrate/http');
const KEY = 'test-key-not-a-secret';
const templates = loadBuiltinTemplates();
const temps: string[] = [];
afterAll(() => temps.forEach(removeDir));

const RUNNER = `
const { chat } = await import('./src/chat.js');
const { summarize } = await import('./src/base.js');
const { embed } = await import('./src/embed.js');
const out = { chat: await chat('hi'), summarize: await summarize('a text') };
if (process.argv[2] === 'embed') out.embed = await embed('a text');
console.log(JSON.stringify(out));
`;

describe('migrated fetch requests against a mock provider', () => {
  for (const id of ['deepseek', 'qwen', 'zhipu', 'qianfan']) {
    it(id, async () => {
      const t = resolveProviderId(id, templates);
      const embeds = t.capabilities.embeddings.support !== 'no';
      const mock = await startMockProvider(t, KEY);
      try {
        const dir = buildApp(path.join(FIXTURE, 'expected', id), { 'run.mjs': RUNNER });
        temps.push(dir);
        const stdout = await runApp(dir, {
          [t.apiKey.env]: KEY, [baseUrlEnv(t)]: mock.baseURL, OPENAI_API_KEY: 'must-not-be-used',
        }, embeds ? ['embed'] : [], 30_000, 'run.mjs');
        const out = JSON.parse(stdout) as Record<string, unknown>;
        expect(out.chat).toBe(`hello from ${t.id}`);
        expect(out.summarize).toBe(`hello from ${t.id}`);
        if (embeds) expect(out.embed).toEqual([0.1, 0.2, 0.3]);
        const base = new URL(mock.baseURL).pathname.replace(/\/$/, '');
        const sent = mock.requests.map((r) => ({ path: r.path, model: r.body.model, authorized: r.authorized }));
        const model = (openai: string) => {
          const m = mapModel(t, openai);
          return 'model' in m ? m.model : undefined;
        };
        expect(sent).toEqual([
          { path: `${base}/chat/completions`, model: model('gpt-4o'), authorized: true },
          { path: `${base}/chat/completions`, model: model('gpt-4o-mini'), authorized: true },
          ...(embeds ? [{ path: `${base}/embeddings`, model: model('text-embedding-3-small'), authorized: true }] : []),
        ]);
      } finally {
        await mock.close();
      }
    });
  }
});
