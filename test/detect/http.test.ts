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
