import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/migrate/migrate.js';
import { loadBuiltinTemplates, resolveProviderId } from '../../src/templates/load.js';
import { sitesOfKind } from '../helpers/scan-files.js';
import { removeDir, testdir } from '../helpers/testdir.js';

/**
 * The names apps give OpenAI's key, base URL and model besides OPENAI_API_KEY (issue 11 item 6): which reads
 * are sites (valid), which are not (invalid), and what migrate does with each.
 */
const valid: Array<[string, string, string?]> = [
  ['process.env.OPENAI_KEY', 'OPENAI_KEY'],
  ['process.env.OPEN_AI_API_KEY', 'OPEN_AI_API_KEY'],
  ['process.env.OPENAI_API_KEYS', 'OPENAI_API_KEYS'],
  ['process.env.OPENAI_API_URL', 'OPENAI_API_URL'],
  ['process.env.OPENAI_API_BASE', 'OPENAI_API_BASE'],
  ['process.env.OPENAI_GPT_MODEL', 'OPENAI_GPT_MODEL'],
  ['process.env.OPENAI_MODEL', 'OPENAI_MODEL'],
  ['process.env.NEXT_PUBLIC_OPENAI_API_KEY', 'NEXT_PUBLIC_OPENAI_API_KEY'],
  ['process.env.NEXT_PUBLIC_OPENAI_MODEL', 'NEXT_PUBLIC_OPENAI_MODEL'],
  ['process.env.AZURE_OPENAI_KEY', 'AZURE_OPENAI_KEY', 'azure-openai'],
  ['process.env.AZURE_OPENAI_DEPLOYMENT_NAME', 'AZURE_OPENAI_DEPLOYMENT_NAME', 'azure-openai'],
  ['process.env.AZURE_DEPLOYMENT_NAME', 'AZURE_DEPLOYMENT_NAME', 'azure-openai'],
  ["process.env['OPENAI_KEY']", 'OPENAI_KEY'],
  ['import.meta.env.OPENAI_API_URL', 'OPENAI_API_URL'],
  ['process.env[NAME]', 'OPEN_AI_API_KEY'],
];

const invalid = [
  'process.env.MY_OPENAI_API_KEY',
  'process.env.OPENAI',
  'process.env.DEEPSEEK_API_KEY',
  'process.env.NEXT_PUBLIC_API_URL',
  'process.env[name]',
  'process.env[`OPENAI_${kind}`]',
  "'process.env.OPENAI_KEY'",
  'env.OPENAI_KEY',
];

describe('env names detector', () => {
  it.each(valid)('reports %s as %s', async (read, name, sdk) => {
    const sites = await sitesOfKind('env', { 'a.ts': `const NAME = 'OPEN_AI_API_KEY';\nconst env = process.env;\nexport const v = ${read};\n` });
    expect(sites).toEqual([{ at: 'a.ts:3:18', kind: 'env', name, ...(sdk ? { sdk } : {}) }]);
  });
  it.each(invalid)('does not report %s', async (read) => {
    const sites = await sitesOfKind('env', { 'a.ts': `const env = process.env;\nexport const f = (name: string, kind: string) => ${read};\n` });
    expect(sites).toEqual([]);
  });
  it('reports a run-time name only where it is an openai client key or base URL', async () => {
    const sites = await sitesOfKind('env', {
      'a.ts': [
        "import OpenAI from 'openai';",
        'export const c = (n: string) => new OpenAI({ apiKey: process.env[n] });',
        'export const other = (n: string) => new Map([[n, process.env[n]]]);',
        'export const timeout = (n: string) => new OpenAI({ timeout: Number(process.env[n]) });',
        '',
      ].join('\n'),
    });
    expect(sites).toEqual([{ at: 'a.ts:2:54', kind: 'env', name: null, confidence: 'likely' }]);
  });
});

const templates = loadBuiltinTemplates();
const temps: string[] = [];
afterAll(() => temps.forEach(removeDir));

async function plan(files: Record<string, string>) {
  const dir = testdir({ 'package.json': '{ "type": "module" }\n', ...files });
  temps.push(dir);
  const result = await migrate({ paths: [dir], cwd: dir, template: resolveProviderId('deepseek', templates), write: false });
  const text = (rel: string) => result.plan.files.find((f) => f.rel === rel)?.after;
  return { result, text, buckets: result.items.filter((i) => i.siteId?.endsWith(':env')).map((i) => [i.line, i.bucket]) };
}

const CHAT = "export const ask = () => client.chat.completions.create({ model: 'gpt-4o', messages: [] });";

describe('migrate with other env names', () => {
  it('renames a key under another name that feeds a client it re-points, as OPENAI_API_KEY', async () => {
    const { text } = await plan({
      'a.ts': ["import OpenAI from 'openai';", 'const key = process.env.OPEN_AI_API_KEY;', 'export const client = new OpenAI({ apiKey: key });', CHAT, ''].join('\n'),
    });
    expect(text('a.ts')).toContain('const key = process.env.DEEPSEEK_API_KEY;');
    expect(text('a.ts')).toContain("new OpenAI({ apiKey: process.env.DEEPSEEK_API_KEY, baseURL: process.env.DEEPSEEK_BASE_URL ?? 'https://api.deepseek.com' })");
  });

  it('renames process.env[NAME] with a constant name without touching the constant', async () => {
    const { text } = await plan({
      'a.ts': ["import OpenAI from 'openai';", "const NAME = 'OPENAI_KEY';", 'const key = process.env[NAME];', 'export const client = new OpenAI({ apiKey: key });', CHAT, ''].join('\n'),
    });
    expect(text('a.ts')).toContain("const NAME = 'OPENAI_KEY';\nconst key = process.env['DEEPSEEK_API_KEY'];");
  });

  it('reports, never renames, a key under another name where no client is re-pointed', async () => {
    const { text, buckets, result } = await plan({
      'a.ts': ["import OpenAI from 'openai';", 'export const client = new OpenAI();', CHAT, ''].join('\n'),
      'b.ts': 'export const key = process.env.OPENAI_KEY;\n',
    });
    expect(text('b.ts')).toBeUndefined();
    expect(buckets).toEqual([[1, 'review']]);
    expect(result.items.find((i) => i.file === 'b.ts')?.reason).toBe('OPENAI_KEY holds an OpenAI key: DeepSeek\'s key is in DEEPSEEK_API_KEY');
  });

  it('never sends the renamed key to OpenAI: a key under another name read by fetch is marked', async () => {
    const { text, result } = await plan({
      'a.ts': [
        "import OpenAI from 'openai';", 'export const client = new OpenAI();', CHAT,
        "export const raw = () => fetch('https://api.openai.com/v1/models', { headers: { Authorization: `Bearer ${process.env.OPENAI_KEY}` } });", '',
      ].join('\n'),
    });
    expect(text('a.ts')).toContain("fetch('https://api.openai.com/v1/models', { headers: { Authorization: `Bearer ${process.env.OPENAI_KEY}` } })");
    // The request stays whole on OpenAI (its key is under another name): manual work at the request.
    expect(result.items.filter((i) => i.line === 4 && i.bucket === 'manual').map((i) => i.reason)).toEqual([
      expect.stringContaining('this fetch request stays on OpenAI (its key comes from OPENAI_KEY)'),
    ]);
  });

  it('marks a key pool and a NEXT_PUBLIC_ key, and rewrites neither', async () => {
    const { text, buckets } = await plan({
      'a.ts': [
        "import OpenAI from 'openai';", 'export const client = new OpenAI();', CHAT,
        "export const pool = (process.env.OPENAI_API_KEYS ?? '').split(',');",
        'export const pub = process.env.NEXT_PUBLIC_OPENAI_API_KEY;', '',
      ].join('\n'),
    });
    expect(text('a.ts')).toContain('// TODO(qianyi): OPENAI_API_KEYS is a pool of OpenAI keys');
    expect(text('a.ts')).toContain("(process.env.OPENAI_API_KEYS ?? '')");
    expect(text('a.ts')).toContain('// TODO(qianyi): NEXT_PUBLIC_OPENAI_API_KEY ships an OpenAI key to the browser');
    expect(text('a.ts')).toContain('= process.env.NEXT_PUBLIC_OPENAI_API_KEY;');
    expect(buckets).toEqual([[4, 'manual'], [5, 'manual']]);
  });

  it('keeps a key under another name, marked, where a source qianyi does not migrate yet may read it too', async () => {
    const { text } = await plan({
      'a.ts': ["import OpenAI from 'openai';", 'export const client = new OpenAI({ apiKey: process.env.OPENAI_KEY });', CHAT, ''].join('\n'),
      // @azure/openai 1.x is the one source migrate leaves on OpenAI (LangChain and the AI SDK now move with the key).
      'az.ts': ["import { OpenAIClient, OpenAIKeyCredential } from '@azure/openai';", 'export const az = new OpenAIClient(new OpenAIKeyCredential(process.env.OPENAI_KEY!));', ''].join('\n'),
    });
    expect(text('a.ts')).toContain('// TODO(qianyi): env:OPENAI_KEY must now hold a DeepSeek key');
    expect(text('a.ts')).toContain("apiKey: process.env.OPENAI_KEY });\nexport const ask = () => client.chat.completions.create({ model: 'gpt-4o'");
  });

  it('leaves a client keyed by NEXT_PUBLIC_ on OpenAI, marked with the reason', async () => {
    const { text } = await plan({
      'a.ts': ["import OpenAI from 'openai';", 'export const client = new OpenAI({ apiKey: process.env.NEXT_PUBLIC_OPENAI_API_KEY });', CHAT, ''].join('\n'),
    });
    expect(text('a.ts')).toContain('// TODO(qianyi): NEXT_PUBLIC_OPENAI_API_KEY ships this client\'s key to the browser');
    expect(text('a.ts')).toContain("model: 'gpt-4o'");
  });

  it('treats OPENAI_API_URL as OpenAI\'s base URL: the client is re-pointed whole', async () => {
    const { text } = await plan({
      'a.ts': ["import OpenAI from 'openai';", 'export const client = new OpenAI({ baseURL: process.env.OPENAI_API_URL });', CHAT, ''].join('\n'),
    });
    expect(text('a.ts')).toContain("new OpenAI({ baseURL: process.env.DEEPSEEK_BASE_URL ?? 'https://api.deepseek.com', apiKey: process.env.DEEPSEEK_API_KEY })");
    expect(text('a.ts')).toContain("model: 'deepseek-");
  });
});
