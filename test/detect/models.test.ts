import { describe, expect, it } from 'vitest';
import { sitesOfKind } from '../helpers/scan-files.js';

describe('models detector', () => {
  it('reports model ids in values, not in keys, types, lookups or a call\'s own model', async () => {
    const sites = await sitesOfKind('model', {
      'a.ts': [
        "import OpenAI from 'openai';",
        "export const DEFAULT_MODEL = 'gpt-4o';",
        "type M = 'gpt-4o-mini' | 'o3';",
        "const prices = { 'gpt-4o': 5, o1: 15 };",
        "const p = prices['gpt-4.1'];",
        'const list = [`o4-mini`, "text-embedding-3-small", "dall-e-3", "whisper-1", "tts-1-hd", "ft:gpt-4o-mini:acme::abc"];',
        "const m = process.env.OPENAI_MODEL ?? 'gpt-4o-mini';",
        "new OpenAI().chat.completions.create({ model: 'gpt-4.1', messages: [] });",
        "const notModels = ['gpt', 'o2', 'gpt4', 'claude-3', 'o1x', 'my-gpt-4o'];",
        '',
      ].join('\n'),
      'ui.tsx': "export const options = ['gpt-4o', 'o3-mini'];\n",
    });
    expect(sites.map((s) => [s.at, s.model, s.confidence ?? 'certain'])).toEqual([
      ['a.ts:2:30', 'gpt-4o', 'certain'],
      ['a.ts:6:15', 'o4-mini', 'certain'],
      ['a.ts:6:26', 'text-embedding-3-small', 'certain'],
      ['a.ts:6:52', 'dall-e-3', 'certain'],
      ['a.ts:6:64', 'whisper-1', 'certain'],
      ['a.ts:6:77', 'tts-1-hd', 'certain'],
      ['a.ts:6:89', 'ft:gpt-4o-mini:acme::abc', 'certain'],
      ['a.ts:7:39', 'gpt-4o-mini', 'certain'],
      ['ui.tsx:1:25', 'gpt-4o', 'likely'],
      ['ui.tsx:1:35', 'o3-mini', 'likely'],
    ]);
  });
});
