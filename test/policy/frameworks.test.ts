import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/migrate/migrate.js';
import { loadBuiltinTemplates, resolveProviderId } from '../../src/templates/load.js';
import { removeDir, testdir } from '../helpers/testdir.js';

/**
 * What migrate may touch in LangChain and AI SDK code: only what provably talks to OpenAI, and a client
 * moves only with everything it sends. Each case is a throw-away project planned (never written) for DeepSeek.
 */
const templates = loadBuiltinTemplates();
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

const AI_PACKAGE = JSON.stringify({ name: 'x', type: 'module', dependencies: { '@ai-sdk/openai': '^3.0.0', ai: '^6.0.0' } }, null, 2);
const LC_PACKAGE = JSON.stringify({ name: 'x', type: 'module', dependencies: { '@langchain/openai': '^1.5.0' } }, null, 2);

async function plan(files: Record<string, string>, provider = 'deepseek') {
  const dir = testdir(files);
  dirs.push(dir);
  const result = await migrate({ paths: [dir], cwd: dir, template: resolveProviderId(provider, templates), write: false });
  const after = Object.fromEntries(result.plan.files.map((f) => [f.rel, f.after]));
  /** The changed files with comment lines dropped: what the code does after the migration. */
  const code = Object.fromEntries(Object.entries(after).map(([rel, text]) => [rel, text.split('\n').filter((l) => !/^\s*\/\/ (?:TODO\(qianyi\)|qianyi):/.test(l)).join('\n')]));
  return { result, after, code, manual: result.items.filter((i) => i.bucket === 'manual').map((i) => `${i.file}:${i.line}`) };
}

describe('LangChain', () => {
  it('a ChatOpenAI pointed at another host is not touched', async () => {
    const { result } = await plan({
      'package.json': LC_PACKAGE,
      'src/a.ts': `import { ChatOpenAI } from '@langchain/openai';\nexport const local = new ChatOpenAI({ model: 'gpt-4o', configuration: { baseURL: 'http://localhost:11434/v1' } });\nexport const ask = (q: string) => local.invoke(q);\n`,
    });
    expect(result.plan.files).toEqual([]);
    expect(result.items.filter((i) => i.bucket === 'manual' || i.bucket === 'migrated')).toEqual([]);
  });

  it('a configuration built elsewhere may hold a base URL: marked, not re-pointed, and its calls stay with it', async () => {
    const { code, manual } = await plan({
      'package.json': LC_PACKAGE,
      'src/a.ts': `import { ChatOpenAI } from '@langchain/openai';\nimport { config } from './config.js';\nexport const llm = new ChatOpenAI({ model: 'gpt-4o', configuration: config });\nexport const ask = (q: string) => llm.invoke(q);\n`,
      'src/config.ts': `export const config = { timeout: 1000 };\n`,
    });
    expect(manual).toEqual(['src/a.ts:3']);
    expect(code['src/a.ts']).toContain(`new ChatOpenAI({ model: 'gpt-4o', configuration: config })`);
  });

  it('embeddings on a provider without the endpoint: the model stays on OpenAI with a marker, even with no call in sight', async () => {
    const { code, manual } = await plan({
      'package.json': LC_PACKAGE,
      'src/a.ts': `import { OpenAIEmbeddings } from '@langchain/openai';\nexport const embeddings = new OpenAIEmbeddings({ model: 'text-embedding-3-small' });\n`,
    });
    expect(manual).toEqual(['src/a.ts:2']);
    expect(code['src/a.ts']).toContain(`new OpenAIEmbeddings({ model: 'text-embedding-3-small' })`);
  });

  it('a key the app keeps under another name stays, and so does the client', async () => {
    const { code, manual } = await plan({
      'package.json': LC_PACKAGE,
      'src/a.ts': `import { ChatOpenAI } from '@langchain/openai';\nexport const llm = new ChatOpenAI({ model: 'gpt-4o', apiKey: settings.key });\ndeclare const settings: { key: string };\n`,
    });
    expect(manual).toEqual(['src/a.ts:2']);
    expect(code['src/a.ts']).toContain(`apiKey: settings.key })`);
  });

  it('a fetch request sharing a model constant with a client that stays, stays too (never an OpenAI model sent to the provider)', async () => {
    const { result, code } = await plan({
      'package.json': LC_PACKAGE,
      'src/a.ts': [
        `import { ChatOpenAI } from '@langchain/openai';`,
        `declare const settings: { key: string };`,
        `const MODEL = 'gpt-4o';`,
        `export const llm = new ChatOpenAI({ apiKey: settings.key, model: MODEL });`,
        `export async function ask(q: string) {`,
        `  const res = await fetch('https://api.openai.com/v1/chat/completions', {`,
        `    method: 'POST',`,
        `    headers: { Authorization: \`Bearer \${process.env.OPENAI_API_KEY}\`, 'Content-Type': 'application/json' },`,
        `    body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: q }] }),`,
        `  });`,
        `  return res.json();`,
        `}`,
        ``,
      ].join('\n'),
    });
    // Nothing in a.ts may move: the client keeps the app's key, so MODEL stays 'gpt-4o', so the request stays.
    expect(code['src/a.ts'] ?? '').not.toContain('deepseek');
    expect(code['src/a.ts'] ?? '').not.toContain('DEEPSEEK');
    const request = result.items.find((i) => i.file === 'src/a.ts' && i.line === 6);
    expect(request?.bucket).toBe('manual');
    expect(request?.reason).toMatch(/constant that calls staying on OpenAI read too/);
  });

  it('a model with no model id gets the provider default (never LangChain\'s OpenAI default), the key and the URL', async () => {
    const { after } = await plan({
      'package.json': LC_PACKAGE,
      'src/a.ts': `import { ChatOpenAI } from '@langchain/openai';\nexport const llm = new ChatOpenAI();\n`,
    });
    expect(after['src/a.ts']).toContain(`new ChatOpenAI({ apiKey: process.env.DEEPSEEK_API_KEY, model: 'deepseek-flash', configuration: { baseURL: process.env.DEEPSEEK_BASE_URL ?? 'https://api.deepseek.com' } })`);
  });

  it("LangChain's Azure classes are marked, not re-pointed", async () => {
    const { code, manual } = await plan({
      'package.json': LC_PACKAGE,
      'src/a.ts': `import { AzureChatOpenAI } from '@langchain/openai';\nexport const llm = new AzureChatOpenAI({ model: 'gpt-4o' });\n`,
    });
    expect(manual).toEqual(['src/a.ts:2']);
    expect(code['src/a.ts']).toContain(`new AzureChatOpenAI({ model: 'gpt-4o' })`);
  });
});

describe('the AI SDK', () => {
  it('a createOpenAI provider pointed at another host is not touched, nor its models', async () => {
    const { result } = await plan({
      'package.json': AI_PACKAGE,
      'src/a.ts': `import { createOpenAI } from '@ai-sdk/openai';\nimport { generateText } from 'ai';\nconst router = createOpenAI({ baseURL: 'https://openrouter.ai/api/v1', apiKey: process.env.OPENROUTER_API_KEY });\nexport const run = () => generateText({ model: router('gpt-4o'), prompt: 'hi' });\n`,
    });
    expect(result.plan.files).toEqual([]);
    expect(result.items).toEqual([]);
  });

  it('a model string that flows into no migrated call is not touched', async () => {
    const { after, code } = await plan({
      'package.json': AI_PACKAGE,
      'src/a.ts': `import { openai } from '@ai-sdk/openai';\nimport { generateText } from 'ai';\nexport const run = () => generateText({ model: openai.chat('gpt-4o'), prompt: 'hi' });\n`,
      'src/labels.ts': `// Shown in the UI only.\nexport const LABELS = { fast: 'gpt-4o-mini', smart: 'gpt-4.1' };\n`,
    });
    expect(Object.keys(after).sort()).toEqual(['package.json', 'src/a.ts']);
    expect(code['src/a.ts']).toContain(`model: deepseek.chatModel('deepseek-flash')`);
  });

  it('a provider exported (used where qianyi cannot follow) is marked and stays whole', async () => {
    const { code, manual, after } = await plan({
      'package.json': AI_PACKAGE,
      'src/a.ts': `import { createOpenAI } from '@ai-sdk/openai';\nimport { generateText } from 'ai';\nexport const provider = createOpenAI({ apiKey: process.env.OPENAI_API_KEY });\nexport const run = () => generateText({ model: provider.chat('gpt-4o'), prompt: 'hi' });\n`,
    });
    expect(manual).toEqual(['src/a.ts:3']);
    expect(code['src/a.ts']).toContain(`createOpenAI({ apiKey: process.env.OPENAI_API_KEY })`);
    expect(code['src/a.ts']).toContain(`provider.chat('gpt-4o')`);
    expect(after['package.json']).toBeUndefined();
  });

  it('a provider with a model the provider cannot serve stays on OpenAI as a whole (no half-moved provider)', async () => {
    const { code, manual } = await plan({
      'package.json': AI_PACKAGE,
      'src/a.ts': `import { createOpenAI } from '@ai-sdk/openai';\nimport { embed, generateText } from 'ai';\nconst provider = createOpenAI({ apiKey: process.env.OPENAI_API_KEY });\nexport const run = () => generateText({ model: provider.chat('gpt-4o'), prompt: 'hi' });\nexport const vec = () => embed({ model: provider.embedding('text-embedding-3-small'), value: 'x' });\n`,
    });
    expect(manual).toEqual(['src/a.ts:3', 'src/a.ts:5']);
    expect(code['src/a.ts']).toContain(`createOpenAI({ apiKey: process.env.OPENAI_API_KEY })`);
    expect(code['src/a.ts']).toContain(`provider.chat('gpt-4o')`);
  });

  it('a model id that comes from elsewhere is marked, not half-moved', async () => {
    const { code, manual } = await plan({
      'package.json': AI_PACKAGE,
      'src/a.ts': `import { openai } from '@ai-sdk/openai';\nimport { generateText } from 'ai';\nexport const run = (id: string) => generateText({ model: openai(id), prompt: 'hi' });\n`,
    });
    expect(manual).toEqual(['src/a.ts:3']);
    expect(code['src/a.ts']).toContain('model: openai(id)');
  });

  it("the Azure provider of the AI SDK is marked, not remade", async () => {
    const { code, manual } = await plan({
      'package.json': AI_PACKAGE,
      'src/a.ts': `import { azure } from '@ai-sdk/azure';\nimport { generateText } from 'ai';\nexport const run = () => generateText({ model: azure('my-gpt4o-deployment'), prompt: 'hi' });\n`,
    });
    expect(manual).toEqual(['src/a.ts:3']);
    expect(code['src/a.ts']).toContain(`azure('my-gpt4o-deployment')`);
  });

  it('pins @ai-sdk/openai-compatible for the ai major of the app', async () => {
    for (const [ai, version] of [['^4.3.0', '0.2.16'], ['^5.0.0', '1.0.61'], ['6.0.1', '2.0.92'], ['^7.0.0', '3.0.92']] as const) {
      const { after } = await plan({
        'package.json': JSON.stringify({ name: 'x', dependencies: { '@ai-sdk/openai': '*', ai } }, null, 2),
        'src/a.ts': `import { openai } from '@ai-sdk/openai';\nimport { generateText } from 'ai';\nexport const run = () => generateText({ model: openai('gpt-4o'), prompt: 'hi' });\n`,
      });
      expect(JSON.parse(after['package.json']!).dependencies['@ai-sdk/openai-compatible']).toBe(version);
    }
  });

  it('an app on an ai version no @ai-sdk/openai-compatible release fits (3.x) is marked, not given an import it cannot install', async () => {
    const { code, manual, after } = await plan({
      'package.json': JSON.stringify({ name: 'x', dependencies: { '@ai-sdk/openai': '^0.0.66', ai: '^3.4.0' } }, null, 2),
      'src/a.ts': `import { openai } from '@ai-sdk/openai';\nimport { generateText } from 'ai';\nexport const run = () => generateText({ model: openai('gpt-4o'), prompt: 'hi' });\n`,
    });
    expect(manual).toEqual(['src/a.ts:3']);
    expect(code['src/a.ts']).toContain(`openai('gpt-4o')`);
    expect(after['package.json']).toBeUndefined();
  });
});

describe("the AI SDK's OpenAI-only tools", () => {
  it('a call with openai.tools.* stays on OpenAI, and so does a model made for it elsewhere', async () => {
    const { code, manual } = await plan({
      'package.json': AI_PACKAGE,
      'src/a.ts': [
        `import { openai } from '@ai-sdk/openai';`,
        `import { generateText } from 'ai';`,
        `const model = openai.responses('gpt-4o');`,
        `export const search = () => generateText({ model, prompt: 'news', tools: { web: openai.tools.webSearch({}) } });`,
        `export const inline = () => generateText({ model: openai('gpt-4o'), prompt: 'news', tools: { web: openai.tools.webSearch({}) } });`,
        '',
      ].join('\n'),
    });
    expect(manual).toEqual(['src/a.ts:3', 'src/a.ts:4', 'src/a.ts:5']);
    expect(code['src/a.ts']).toContain(`const model = openai.responses('gpt-4o');`);
    expect(code['src/a.ts']).toContain(`model: openai('gpt-4o')`);
  });
});

describe('AI SDK requests written in another file', () => {
  it('a model made in an options object of another module is marked at the call, not reported as migrated', async () => {
    const { result, manual } = await plan({
      'package.json': AI_PACKAGE,
      'src/options.ts': `import { openai } from '@ai-sdk/openai';\nexport const options = { model: openai('gpt-4o'), prompt: 'hi' };\n`,
      'src/a.ts': `import { generateText } from 'ai';\nimport { options } from './options.js';\nexport const run = () => generateText(options);\n`,
    });
    expect(manual).toContain('src/a.ts:3');
    expect(result.items.filter((i) => i.bucket === 'migrated' && i.file === 'src/a.ts')).toEqual([]);
  });
});

describe('AI SDK image models (eval/real vercel-ai-chatbot)', () => {
  const image = `import { openai } from '@ai-sdk/openai';\nexport const images = { small: openai.image('dall-e-3') };\n`;
  const pkg = (ai: string, sdk: string) => JSON.stringify({ name: 'x', type: 'module', dependencies: { '@ai-sdk/openai': sdk, ai } }, null, 2);

  it('ai 4: openai-compatible 0.2 reads only b64_json, and Zhipu answers with URLs: left on OpenAI, marked', async () => {
    const { code, manual } = await plan({ 'package.json': pkg('^4.1.0', '^1.2.5'), 'src/a.ts': image }, 'zhipu');
    expect(code['src/a.ts']).toBe(image); // only the marker was added
    expect(manual).toEqual(['src/a.ts:2']);
  });

  it('ai 6: openai-compatible 2.x also takes URLs: the image model moves', async () => {
    const { code } = await plan({ 'package.json': pkg('^6.0.0', '^3.0.0'), 'src/a.ts': image }, 'zhipu');
    expect(code['src/a.ts']).toContain(`zhipu.imageModel('cogview-4')`);
  });
});

describe('options added after a commented last property (eval/real pdf-chatbot-langchain)', () => {
  it('a comment ending the last line stays on it; the new options go below it', async () => {
    const { after } = await plan({
      'package.json': LC_PACKAGE,
      'src/a.ts': `import { ChatOpenAI } from '@langchain/openai';\nexport const llm = new ChatOpenAI({\n  temperature: 0.5,\n  model: 'gpt-4o', // change this to gpt-4 if you have access\n});\n`,
      'src/b.ts': `import { ChatOpenAI } from '@langchain/openai';\nexport const llm2 = new ChatOpenAI({\n  temperature: 0.5,\n  model: 'gpt-4o' /* no comma */\n});\n`,
    });
    expect(after['src/a.ts']).toContain(`  model: 'deepseek-flash', // change this to gpt-4 if you have access\n  apiKey: process.env.DEEPSEEK_API_KEY,\n  configuration: { baseURL: process.env.DEEPSEEK_BASE_URL ?? 'https://api.deepseek.com' },\n});`);
    expect(after['src/b.ts']).toContain(`  model: 'deepseek-flash', /* no comma */\n  apiKey: process.env.DEEPSEEK_API_KEY,\n  configuration: { baseURL: process.env.DEEPSEEK_BASE_URL ?? 'https://api.deepseek.com' }\n});`);
  });
});
