import { describe, expect, it } from 'vitest';
import { scan } from '../../src/index.js';
import { isCatalogModelId } from '../../src/sources/openai/detectors/models.js';
import { urlEndpoint } from '../../src/analysis/typescript/evaluator.js';
import { removeDir, testdir } from '../helpers/testdir.js';

/** What a client, call or env read reaches: the facts the policy needs to leave other hosts and app keys alone. */
async function sitesOf(files: Record<string, string>) {
  const dir = testdir(files);
  try {
    return (await scan({ paths: [dir], cwd: dir })).sites;
  } finally {
    removeDir(dir);
  }
}

const head = "import OpenAI from 'openai';\ndeclare const settings: { apiKey: string; baseUrl: string };\n";

describe('client endpoints', () => {
  const cases: Array<[string, string, Record<string, unknown>]> = [
    // [what, the client as written, what the site records]
    ['no baseURL', 'new OpenAI()', {}],
    ["OpenAI's host", "new OpenAI({ baseURL: 'https://api.openai.com/v1' })", {}],
    ['an Azure OpenAI host', "new OpenAI({ baseURL: 'https://acme.openai.azure.com/openai' })", {}],
    ['OPENAI_BASE_URL', 'new OpenAI({ baseURL: process.env.OPENAI_BASE_URL })', {}],
    ['OPENAI_BASE_URL with a fallback', "new OpenAI({ baseURL: process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1' })", {}],
    ['Groq', "new OpenAI({ baseURL: 'https://api.groq.com/openai/v1' })", { endpoint: 'foreign', host: 'api.groq.com' }],
    ['Mistral through a const', "const URL_ = 'https://api.mistral.ai/v1';\nnew OpenAI({ baseURL: URL_ })", { endpoint: 'foreign', host: 'api.mistral.ai' }],
    ['OpenRouter', "new OpenAI({ baseURL: 'https://openrouter.ai/api/v1' })", { endpoint: 'foreign', host: 'openrouter.ai' }],
    ['an already-configured DeepSeek', "new OpenAI({ baseURL: 'https://api.deepseek.com' })", { endpoint: 'foreign', host: 'api.deepseek.com' }],
    ['a base URL qianyi wrote for Zhipu', "new OpenAI({ baseURL: process.env.ZHIPUAI_BASE_URL ?? 'https://open.bigmodel.cn/api/paas/v4' })", { endpoint: 'provider', host: 'open.bigmodel.cn' }],
    ['a user-supplied base URL', 'new OpenAI({ baseURL: settings.baseUrl })', { endpoint: 'unknown' }],
    ['options spread from elsewhere', 'new OpenAI({ ...settings })', { endpoint: 'unknown' }],
  ];
  for (const [what, code, expected] of cases) {
    it(what, async () => {
      // The last line is the client; lines before it declare what it reads.
      const lines = code.split('\n');
      const client_ = `${lines.slice(0, -1).map((l) => `${l}\n`).join('')}export const c = ${lines.at(-1)};\n`;
      const sites = await sitesOf({ 'a.ts': `${head}${client_}` });
      const client = sites.find((s) => s.kind === 'client')!;
      expect({ endpoint: client.endpoint, host: client.host }).toEqual({ endpoint: undefined, host: undefined, ...expected });
    });
  }

  it('a subclass that calls super({ baseURL }) talks to that host, and so do its calls', async () => {
    const sites = await sitesOf({
      'a.ts': `${head}class Pplx extends OpenAI { constructor(k: string) { super({ apiKey: k, baseURL: 'https://api.perplexity.ai' }); } }\n` +
        "const c = new Pplx('k');\nc.chat.completions.create({ model: 'gpt-4o', messages: [] });\n",
    });
    expect(sites.filter((s) => s.kind === 'client' || s.kind === 'call').map((s) => [s.kind, s.endpoint, s.host])).toEqual([
      ['client', 'foreign', 'api.perplexity.ai'],
      ['call', 'foreign', 'api.perplexity.ai'],
    ]);
  });

  it('a subclass that passes its own options through is unknown, with its options not editable at the new', async () => {
    const sites = await sitesOf({ 'a.ts': `${head}class C extends OpenAI { constructor(o: object) { super(o); } }\nnew C({ apiKey: 'x' });\n` });
    expect(sites.find((s) => s.kind === 'client')).toMatchObject({ endpoint: 'unknown', options: null });
  });

  it('urlEndpoint: hosts', () => {
    expect(urlEndpoint('https://api.openai.com/v1')).toEqual({ kind: 'openai', host: 'api.openai.com' });
    expect(urlEndpoint('https://api.groq.com/openai/v1')).toEqual({ kind: 'foreign', host: 'api.groq.com' });
    expect(urlEndpoint('not a url')).toEqual({ kind: 'unknown' });
  });
});

describe('where the client key comes from', () => {
  const cases: Array<[string, string, string | undefined]> = [
    ['absent', 'new OpenAI()', undefined],
    ['OPENAI_API_KEY', 'new OpenAI({ apiKey: process.env.OPENAI_API_KEY })', 'env:OPENAI_API_KEY'],
    ['settings', 'new OpenAI({ apiKey: settings.apiKey })', 'settings.apiKey'],
    ['a key pool', "const pool = ['a', 'b'];\nnew OpenAI({ apiKey: pool[0] })", 'pool[0]'],
    ['a secrets manager', "declare function secret(n: string): string;\nnew OpenAI({ apiKey: secret('openai') })", "secret('openai')"],
    ['a literal (never copied)', "new OpenAI({ apiKey: 'sk-not-a-real-key' })", 'a string literal'],
  ];
  for (const [what, code, keyFrom] of cases) {
    it(what, async () => {
      const sites = await sitesOf({ 'a.ts': `${head}${code};\n` });
      expect(sites.find((s) => s.kind === 'client')?.keyFrom).toBe(keyFrom);
    });
  }

  it('a constructor parameter', async () => {
    const sites = await sitesOf({ 'a.ts': `${head}export function make(apiKey: string) { return new OpenAI({ apiKey }); }\n` });
    expect(sites.find((s) => s.kind === 'client')?.keyFrom).toBe('apiKey');
  });
});

describe('model ids: the exact catalog, in value positions only', () => {
  it.each(['gpt-4o', 'gpt-4o-2024-08-06', 'gpt-4-0613', 'o1', 'o1-preview', 'o3-mini', 'chatgpt-4o-latest', 'text-embedding-3-small', 'ft:gpt-4o-mini:acme::abc', 'gpt-4-32k'])(
    'valid: %s',
    (id) => expect(isCatalogModelId(id)).toBe(true),
  );
  it.each(['chatgpt-sidebar.model', 'chatgpt-', 'gpt-', 'gpt-4o-sidebar', 'o1x', 'o2', 'gpt4', 'my-gpt-4o', 'claude-3-5-sonnet', 'gpt-9000'])(
    'invalid: %s',
    (id) => expect(isCatalogModelId(id)).toBe(false),
  );

  it('comparisons, case labels, matcher arguments, types and keys are not model sites', async () => {
    const sites = await sitesOf({
      'a.ts': [
        head,
        "export type LLMID = 'gpt-4o' | 'gpt-4o-mini';",
        "export const KEY = 'chatgpt-sidebar.model';",
        "export const windows = { 'gpt-4o': 128000 };",
        "export function f(m: string) { if (m === 'gpt-4o' || 'gpt-4' !== m) return 1; return m.startsWith('o1') || m.includes('o3') || new Set(['x']).has('gpt-4'); }",
        "export function g(m: string) { switch (m) { case 'gpt-4': return 1; default: return 0; } }",
        "export const value = 'gpt-4o';",
        '',
      ].join('\n'),
    });
    expect(sites.filter((s) => s.kind === 'model').map((s) => `${s.line}:${s.model}`)).toEqual(['9:gpt-4o']);
  });

  it('links a call to the literal its model comes from: const, config object, default parameter, fallback, another module', async () => {
    const sites = await sitesOf({
      'models.ts': "export const SMART = 'gpt-4o';\n",
      'a.ts': [
        head,
        "import { SMART } from './models';",
        'const c = new OpenAI();',
        "const cfg = { chat: 'gpt-4o-mini' };",
        "const FALLBACK = process.env.M ?? 'gpt-4.1';",
        'c.chat.completions.create({ model: cfg.chat, messages: [] });',
        "export function ask(model = 'o3-mini') { return c.chat.completions.create({ model, messages: [] }); }",
        'c.chat.completions.create({ model: FALLBACK, messages: [] });',
        'c.chat.completions.create({ model: SMART, messages: [] });',
        '',
      ].join('\n'),
    });
    const calls = sites.filter((s) => s.kind === 'call').map((s) => s.modelSite);
    expect(calls).toEqual(['a.ts:6:21:model', 'a.ts:9:29:model', 'a.ts:7:35:model', 'models.ts:1:22:model']);
    const models = new Set(sites.filter((s) => s.kind === 'model').map((s) => s.id));
    for (const id of calls) expect(models.has(id!)).toBe(true);
  });

  it('records a literal union the literal is declared with', async () => {
    const sites = await sitesOf({ 'a.ts': `${head}type LLMID = 'gpt-4o' | 'gpt-4o-mini';\nexport const m: LLMID = 'gpt-4o';\nexport const s: string = 'gpt-4o';\n` });
    expect(sites.filter((s) => s.kind === 'model').map((s) => s.typedAs)).toEqual(['LLMID', undefined]);
  });
});

describe('env reads a hand-written request also reads', () => {
  it('fetch headers and framework constructors are recorded; SDK clients and plain reads are not', async () => {
    const sites = await sitesOf({
      'a.ts': [
        head,
        'declare class ChatOpenAI { constructor(o: object) }',
        "fetch('https://example.com', { headers: { Authorization: `Bearer ${process.env.OPENAI_API_KEY}` } });",
        'new ChatOpenAI({ apiKey: process.env.OPENAI_API_KEY });',
        'new OpenAI({ apiKey: process.env.OPENAI_API_KEY });',
        'export const ok = Boolean(process.env.OPENAI_API_KEY);',
        '',
      ].join('\n'),
    });
    expect(sites.filter((s) => s.kind === 'env').map((s) => [s.line, s.readBy, s.option])).toEqual([
      [5, 'fetch', 'Authorization'],
      [6, 'ChatOpenAI', 'apiKey'],
      [7, undefined, 'apiKey'],
      [8, undefined, undefined],
    ]);
  });

  it('a file that writes OpenAI\'s host marks its env reads', async () => {
    const sites = await sitesOf({ 'a.ts': "const url = 'https://api.openai.com/v1/models';\nexport const k = process.env.OPENAI_API_KEY;\nexport { url };\n" });
    expect(sites.find((s) => s.kind === 'env')?.rawHttp).toBe(true);
  });
});
