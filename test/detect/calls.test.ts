import { describe, expect, it } from 'vitest';
import { scanFiles, sitesOfKind } from '../helpers/scan-files.js';

describe('calls detector', () => {
  it('follows the client across modules, classes, factories, parameters and aliases', async () => {
    const sites = await sitesOfKind('call', {
      'src/lib/openai.ts': [
        "import OpenAI from 'openai';",
        'export const openai = new OpenAI();',
        'export default openai;',
        'export function makeClient() { return new OpenAI(); }',
        'export const lazyClient = (): OpenAI => build();',
        '',
      ].join('\n'),
      'src/use.ts': [
        "import client, { openai, makeClient, lazyClient } from './lib/openai';",
        "import type OpenAI from 'openai';",
        "await openai.chat.completions.create({ model: 'gpt-4o', messages: [] });",
        "await client.embeddings.create({ model: 'text-embedding-3-small', input: 'x' });",
        "await makeClient().images.generate({ prompt: 'cat' });",
        'await lazyClient().models.list();',
        'export async function withParam(c: OpenAI) { return c.moderations.create({ input: "x" }); }',
        'class Bot {',
        '  private readonly ai = makeClient();',
        '  constructor(private other: OpenAI) { this.third = new (require("openai"))(); }',
        '  third: unknown;',
        '  a() { return this.ai.responses.create({ model: "o3", input: "x" }); }',
        '  b() { return this.other.beta.threads.runs.createAndPoll("t", { assistant_id: "a" }); }',
        '  c() { return this.third.files.list(); }',
        '}',
        'const completions = openai.chat.completions;',
        "await completions.create({ model: 'gpt-4.1', messages: [] }).withResponse();",
        'const { audio } = openai;',
        "await audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'x' });",
        "await openai.withOptions({ timeout: 1 }).fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: 'f' });",
        '',
      ].join('\n'),
    });
    expect(sites).toEqual([
      { at: 'src/use.ts:3:7', kind: 'call', api: 'chat.completions.create', model: 'gpt-4o' },
      { at: 'src/use.ts:4:7', kind: 'call', api: 'embeddings.create', model: 'text-embedding-3-small' },
      { at: 'src/use.ts:5:7', kind: 'call', api: 'images.generate' },
      { at: 'src/use.ts:6:7', kind: 'call', api: 'models.list' },
      { at: 'src/use.ts:7:53', kind: 'call', api: 'moderations.create' },
      { at: 'src/use.ts:12:16', kind: 'call', api: 'responses.create', model: 'o3' },
      { at: 'src/use.ts:13:16', kind: 'call', api: 'beta.threads.runs.createAndPoll' },
      { at: 'src/use.ts:14:16', kind: 'call', api: 'files.list' },
      { at: 'src/use.ts:17:7', kind: 'call', api: 'chat.completions.create', model: 'gpt-4.1' },
      { at: 'src/use.ts:19:7', kind: 'call', api: 'audio.speech.create', model: 'tts-1' },
      { at: 'src/use.ts:20:7', kind: 'call', api: 'fineTuning.jobs.create', model: 'gpt-4o-mini' },
    ]);
  });

  it('resolves the model through constants, imported constants and const objects', async () => {
    const sites = await sitesOfKind('call', {
      'config.ts': "export const CHAT_MODEL = 'gpt-4o-mini';\nexport const cfg = { model: 'gpt-4.1-nano' } as const;\n",
      'a.ts': [
        "import OpenAI from 'openai';",
        "import { CHAT_MODEL, cfg } from './config';",
        'const c = new OpenAI();',
        'c.chat.completions.create({ model: CHAT_MODEL, messages: [] });',
        'c.chat.completions.create({ model: cfg.model, messages: [] });',
        'c.chat.completions.create({ model: process.env.MODEL!, messages: [] });',
        "const params = { model: 'gpt-3.5-turbo', messages: [], stream: true };",
        'c.chat.completions.create(params);',
        '',
      ].join('\n'),
    });
    expect(sites.map((s) => [s.at, s.model ?? null, s.features ?? []])).toEqual([
      ['a.ts:4:1', 'gpt-4o-mini', []],
      ['a.ts:5:1', 'gpt-4.1-nano', []],
      ['a.ts:6:1', null, []],
      ['a.ts:8:1', 'gpt-3.5-turbo', ['stream']],
    ]);
  });

  it('reports the 3.x OpenAIApi methods', async () => {
    const sites = await sitesOfKind('call', {
      'a.js': [
        'const { Configuration, OpenAIApi } = require("openai");',
        'const api = new OpenAIApi(new Configuration({ apiKey: process.env.OPENAI_API_KEY }));',
        'api.createChatCompletion({ model: "gpt-3.5-turbo", messages: [] });',
        'api.createEmbedding({ model: "text-embedding-ada-002", input: "x" });',
        'api.listModels();',
        'api.somethingElse();',
        '',
      ].join('\n'),
    });
    expect(sites).toEqual([
      { at: 'a.js:3:1', kind: 'call', api: 'createChatCompletion', model: 'gpt-3.5-turbo', sdk: 'openai-v3' },
      { at: 'a.js:4:1', kind: 'call', api: 'createEmbedding', model: 'text-embedding-ada-002', sdk: 'openai-v3' },
      { at: 'a.js:5:1', kind: 'call', api: 'listModels', sdk: 'openai-v3' },
    ]);
  });

  it('never reports look-alike SDKs, local objects, comments or strings', async () => {
    const { sites } = await scanFiles({
      'a.ts': [
        "import Groq from 'groq-sdk';",
        "import Together from 'together-ai';",
        "import Anthropic from '@anthropic-ai/sdk';",
        'const groq = new Groq();',
        "groq.chat.completions.create({ model: 'llama-3.3-70b', messages: [] });",
        "new Together().chat.completions.create({ model: 'meta-llama/x', messages: [] });",
        "new Anthropic().messages.create({ model: 'claude', max_tokens: 1, messages: [] });",
        'const openai = { chat: { completions: { create: (x: unknown) => x } } };',
        'openai.chat.completions.create({});',
        '// openai.chat.completions.create({ model: "x" })',
        'const s = "openai.chat.completions.create()";',
        'const t = `client.embeddings.create()`;',
        'db.user.create({ data: {} }); prisma.files.list(); req.files.create();',
        '',
      ].join('\n'),
    });
    expect(sites).toEqual([]);
  });

  it('reports an SDK-shaped call on an untraceable client as likely, and a vague one not at all', async () => {
    const sites = await sitesOfKind('call', {
      'a.js': [
        'export function ask(client) {',
        "  client.chat.completions.create({ model: 'gpt-4o', messages: [] });",
        "  client.embeddings.create({ model: 'text-embedding-3-large', input: 'x' });",
        '  client.completions.create({});',
        '  client.models.list();',
        '  client.create();',
        '  client.createChatCompletion({});',
        '}',
        '',
      ].join('\n'),
    });
    expect(sites).toEqual([
      { at: 'a.js:2:3', kind: 'call', api: 'chat.completions.create', model: 'gpt-4o', confidence: 'likely' },
      { at: 'a.js:3:3', kind: 'call', api: 'embeddings.create', model: 'text-embedding-3-large', confidence: 'likely' },
      { at: 'a.js:7:3', kind: 'call', api: 'createChatCompletion', sdk: 'openai-v3', confidence: 'likely' },
    ]);
  });
});
