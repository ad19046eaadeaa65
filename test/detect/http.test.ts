import { describe, expect, it } from 'vitest';
import { scanFiles } from '../helpers/scan-files.js';

describe('HTTP source', () => {
  it('reports requests to OpenAI by literal, template, constant, base URL and instance', async () => {
    const { sites } = await scanFiles({
      'a.ts': [
        "import fetchPolyfill from 'node-fetch';",
        "import axios from 'axios';",
        "const BASE = process.env.OPENAI_API_BASE ?? 'https://api.openai.com/v1';",
        "fetchPolyfill(BASE + '/responses', { method: 'POST', body: JSON.stringify({ model: 'o3', tools }) });",
        "const client = axios.create({ baseURL: 'https://api.openai.com/v1/' });",
        "client.request({ url: 'audio/transcriptions', method: 'POST', data: form });",
        "globalThis.x = fetch(`https://api.openai.com/v1/chat/completions`, { body: JSON.stringify(body) });",
        "const body = { model: 'gpt-4o', response_format: { type: 'json_object' } };",
        '',
      ].join('\n'),
    });
    expect(sites).toEqual([
      { at: 'a.ts:3:14', kind: 'env', name: 'OPENAI_API_BASE' },
      { at: 'a.ts:4:1', kind: 'call', sdk: 'http', api: 'responses.create', model: 'o3', features: ['tools'] },
      { at: 'a.ts:6:1', kind: 'call', sdk: 'http', api: 'audio.transcriptions.create' },
      { at: 'a.ts:7:16', kind: 'call', sdk: 'http', api: 'chat.completions.create', model: 'gpt-4o', features: ['json_object', 'response_format'] },
      { at: 'a.ts:8:23', kind: 'model', sdk: 'http', model: 'gpt-4o' },
    ]);
  });

  it('does not report other hosts, unknown URLs, local functions named fetch or URLs outside a request', async () => {
    const { sites } = await scanFiles({
      'a.ts': [
        "import axios from 'axios';",
        "axios.post('https://api.deepseek.com/chat/completions', { model: 'deepseek-chat' });",
        'export const f = (url: string) => fetch(`${url}/chat/completions`);',
        "const docs = 'https://api.openai.com/v1/chat/completions';",
        'function local(u: string) { return u; }',
        "const fetch2 = local; fetch2('https://api.openai.com/v1/embeddings');",
        "{ const fetch = (u: string) => u; fetch('https://api.openai.com/v1/embeddings'); }",
        '',
      ].join('\n'),
    });
    expect(sites).toEqual([]);
  });
});

/** Requests whose URL, key and model can move together (no `held`), and those that cannot, with why. */
describe('HTTP source: what a request is built from', () => {
  const HEAD = "import axios from 'axios';\nconst body = { model: 'gpt-4o', messages: [] };\n";
  const auth = 'headers: { Authorization: `Bearer ${process.env.OPENAI_API_KEY}` }';
  const valid: Record<string, string> = {
    'a literal URL': `fetch('https://api.openai.com/v1/chat/completions', { ${auth}, body: JSON.stringify(body) });`,
    'a template string': `fetch(\`https://api.openai.com/v1/chat/completions\`, { ${auth}, body: JSON.stringify(body) });`,
    'a URL constant': `const URL_ = 'https://api.openai.com/v1/chat/completions';\nfetch(URL_, { ${auth}, body: JSON.stringify(body) });`,
    'a base-URL constant with the env override': `const BASE = process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1';\nfetch(\`\${BASE}/chat/completions\`, { ${auth}, body: JSON.stringify(body) });`,
    'a key constant': "const KEY = process.env.OPENAI_API_KEY!;\nfetch('https://api.openai.com/v1/chat/completions', { headers: { authorization: 'Bearer ' + KEY }, body: JSON.stringify(body) });",
    'an axios instance': `const api = axios.create({ baseURL: 'https://api.openai.com/v1', ${auth} });\napi.post('/chat/completions', body);`,
    'axios with a config': `axios.post('https://api.openai.com/v1/chat/completions', body, { ${auth} });`,
  };
  const invalid: Record<string, [string, string]> = {
    'a key from settings': ["fetch('https://api.openai.com/v1/chat/completions', { headers: { Authorization: `Bearer ${settings.key}` }, body: JSON.stringify(body) });", 'its key comes from settings.key'],
    'a key under another env name': ["fetch('https://api.openai.com/v1/chat/completions', { headers: { Authorization: `Bearer ${process.env.OPENAI_KEY}` }, body: JSON.stringify(body) });", 'its key comes from OPENAI_KEY'],
    'no Authorization header': ["fetch('https://api.openai.com/v1/chat/completions', { body: JSON.stringify(body) });", 'qianyi cannot find its Authorization header'],
    'a base URL from another env var': [`fetch(\`\${process.env.OPENAI_API_URL}/chat/completions\`, { ${auth}, body: JSON.stringify(body) });`, 'its base URL comes from OPENAI_API_URL'],
    'an exported URL constant': [`export const U = 'https://api.openai.com/v1/chat/completions';\nfetch(U, { ${auth}, body: JSON.stringify(body) });`, 'U is exported, so other files may send it too'],
    'a URL constant used elsewhere': [`const U = 'https://api.openai.com/v1/chat/completions';\nconsole.log(U);\nfetch(U, { ${auth}, body: JSON.stringify(body) });`, 'U is also used outside the requests to OpenAI'],
    'an instance used elsewhere': [`const api = axios.create({ baseURL: 'https://api.openai.com/v1', ${auth} });\napi.defaults.timeout = 5;\napi.post('/chat/completions', body);`, 'api is also used outside the requests to OpenAI'],
  };
  const heldOf = async (code: string) => {
    const { scan } = await import('../../src/index.js');
    const { testdir, removeDir } = await import('../helpers/testdir.js');
    const dir = testdir({ 'a.ts': `${HEAD}${code}\n` });
    try {
      const result = await scan({ paths: [dir], cwd: dir });
      const calls = result.sites.filter((s) => s.kind === 'call' && s.sdk === 'http');
      expect(calls).toHaveLength(1);
      return calls[0]!.held;
    } finally {
      removeDir(dir);
    }
  };
  for (const [name, code] of Object.entries(valid)) it(`moves whole: ${name}`, async () => expect(await heldOf(code)).toBeUndefined());
  for (const [name, [code, why]] of Object.entries(invalid)) it(`stays: ${name}`, async () => expect(await heldOf(code)).toBe(why));
});
