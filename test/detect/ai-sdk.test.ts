import { describe, expect, it } from 'vitest';
import { scan } from '../../src/index.js';
import { scanFiles } from '../helpers/scan-files.js';
import { removeDir, testdir } from '../helpers/testdir.js';

const pkg = (provider: string) => JSON.stringify({ dependencies: { '@ai-sdk/openai': provider, ai: '^5.0.0' } });

describe('AI SDK source', () => {
  it('reports calls of ai on an OpenAI model, the model made apart, and providers', async () => {
    const { sites } = await scanFiles({
      'package.json': pkg('^2.0.0'),
      'a.ts': [
        "import { openai, createOpenAI } from '@ai-sdk/openai';",
        "import * as ai from 'ai';",
        "const p = createOpenAI({ baseURL: process.env.OPENAI_BASE_URL });",
        "export const m = p.responses('o3');",
        "ai.streamObject({ model: openai('gpt-4o'), schema, output: 'no-schema', toolChoice: { type: 'tool', toolName: 'x' }, tools });",
        "ai.generateText({ model: m, messages: [{ role: 'user', content: [{ type: 'image', image: url }] }] });",
        '',
      ].join('\n'),
    });
    expect(sites).toEqual([
      { at: 'a.ts:1:1', kind: 'import', sdk: 'ai-sdk', name: '@ai-sdk/openai' },
      { at: 'a.ts:3:11', kind: 'client', sdk: 'ai-sdk', name: 'createOpenAI', options: ['baseURL'] },
      { at: 'a.ts:3:35', kind: 'env', name: 'OPENAI_BASE_URL' },
      { at: 'a.ts:4:18', kind: 'model', sdk: 'ai-sdk', model: 'o3' },
      { at: 'a.ts:5:1', kind: 'call', sdk: 'ai-sdk', api: 'responses.create', model: 'gpt-4o', features: ['json_object', 'stream', 'tool_choice', 'tools'] },
      { at: 'a.ts:6:1', kind: 'call', sdk: 'ai-sdk', api: 'responses.create', model: 'o3', features: ['vision'] },
    ]);
  });

  it('uses chat completions for openai(id) before AI SDK 5', async () => {
    const { sites } = await scanFiles({
      'package.json': pkg('~1.3.0'),
      'a.ts': "import { openai } from '@ai-sdk/openai';\nimport { generateText } from 'ai';\ngenerateText({ model: openai('gpt-4o'), prompt });\n",
    });
    expect(sites.filter((s) => s.kind === 'call')).toEqual([
      { at: 'a.ts:3:1', kind: 'call', sdk: 'ai-sdk', api: 'chat.completions.create', model: 'gpt-4o' },
    ]);
  });

  it('does not report other providers, gateway ids, look-alike functions or unknown models (another host\'s createOpenAI only as its client)', async () => {
    const { sites } = await scanFiles({
      'package.json': pkg('^2.0.0'),
      'a.ts': [
        "import { anthropic } from '@ai-sdk/anthropic';",
        "import { createOpenAICompatible } from '@ai-sdk/openai-compatible';",
        "import { createOpenAI } from '@ai-sdk/openai';",
        "import { generateText } from 'ai';",
        "const groq = createOpenAICompatible({ name: 'groq', baseURL: 'https://api.groq.com/openai/v1' });",
        "const router = createOpenAI({ baseURL: 'https://openrouter.ai/api/v1' });",
        "generateText({ model: anthropic('claude-sonnet-4') });",
        "generateText({ model: groq('gpt-oss-20b') });",
        "generateText({ model: router.chat('gpt-4o') });",
        "generateText({ model: 'openai/gpt-4o' });",
        'export function run(model: unknown) { return generateText({ model, prompt }); }',
        "const openai = (id: string) => id;",
        'generateText({ model: openai("gpt-4o") });',
        '',
      ].join('\n'),
    });
    // createOpenAI of another host is reported as that host's client (migrate leaves it), none of its models;
    // the last line's literal is a loose model string of no source (openai is a local function here).
    expect(sites.filter((s) => s.kind !== 'import')).toEqual([
      { at: 'a.ts:6:16', kind: 'client', sdk: 'ai-sdk', name: 'createOpenAI', options: ['baseURL'] },
      { at: 'a.ts:13:30', kind: 'model', model: 'gpt-4o', confidence: 'likely' },
    ]);
  });

  it("parses a file that only imports ai when, and only when, some file of the tree imports @ai-sdk/openai", async () => {
    const route = "import { streamText } from 'ai';\nimport { model } from './model';\nexport const r = () => streamText({ model, prompt });\n";
    const candidates = async (files: Record<string, string>) => {
      const dir = testdir(files);
      try {
        return (await scan({ paths: [dir], cwd: dir })).performance.files.candidates;
      } finally {
        removeDir(dir);
      }
    };
    expect(await candidates({ 'route.ts': route, 'model.ts': "import { anthropic } from '@ai-sdk/anthropic';\nexport const model = anthropic('claude');\n" })).toBe(0);
    expect(await candidates({ 'route.ts': route, 'model.ts': "import { openai } from '@ai-sdk/openai';\nexport const model = openai.chat('gpt-4o');\n" })).toBe(2);
  });
});
