import { describe, expect, it } from 'vitest';
import { bucketOf, decide } from '../../src/policy/decide.js';
import { planFile } from '../../src/migrate/plan.js';
import { applyEdits } from '../../src/migrate/edits.js';
import { analyze } from '../../src/scan/scan.js';
import type { Site } from '../../src/scan/sites.js';
import { loadBuiltinTemplates } from '../../src/templates/load.js';
import type { Template } from '../../src/templates/schema.js';
import { removeDir, testdir } from '../helpers/testdir.js';

const templates = loadBuiltinTemplates();
const T = Object.fromEntries(templates.map((t) => [t.id, t])) as Record<string, Template>;

function call(over: Partial<Site> = {}): Site {
  return {
    id: 'a.ts:1:1:call', file: 'a.ts', line: 1, column: 1, kind: 'call', sdk: 'openai', api: 'chat.completions.create', model: 'gpt-4o',
    modelAt: 'call', request: 'in-file', features: [], confidence: 'certain', name: null, start: 0, end: 0, ...over,
  };
}
/** The steps about the request (the model mapping left out): verdict, action, bucket, field, to. */
const steps = (s: Site, t: Template) =>
  decide(s, t, {}, [s]).steps.filter((x) => x.subject !== 'model').map((x) => [x.verdict, x.action, bucketOf(x), x.field ?? null, x.to ?? null]);

describe('model-level adapters: the model the call will reach decides', () => {
  it('fixed sampling (Kimi K): removed, not clamped; a computed value or a request built elsewhere is marked', () => {
    const literal = call({ features: ['n', 'presence_penalty', 'temperature', 'top_p'], params: { temperature: 0.3, top_p: 0.9, presence_penalty: 1 }, adapt: { numbers: { n: 2 } } });
    expect(steps(literal, T.moonshot!)).toEqual([
      ['caveat', 'remove-field', 'review', 'temperature', null],
      ['caveat', 'remove-field', 'review', 'top_p', null],
      ['caveat', 'remove-field', 'review', 'n', null],
      ['caveat', 'remove-field', 'review', 'presence_penalty', null],
    ]);
    expect(steps(call({ features: ['temperature'], params: { temperature: 1 } }), T.moonshot!)).toEqual([]);
    expect(steps(call({ features: ['temperature'], params: { temperature: null } }), T.moonshot!)).toEqual([['caveat', 'mark', 'manual', 'temperature', null]]);
    expect(steps(call({ request: 'other-file', features: ['top_p'], params: { top_p: 0.5 } }), T.moonshot!)).toEqual([['caveat', 'mark', 'manual', 'top_p', null]]);
    // gpt-3.5-turbo maps to moonshot-v1-8k, which keeps a range for temperature.
    expect(steps(call({ model: 'gpt-3.5-turbo', features: ['temperature'], params: { temperature: 1.5 } }), T.moonshot!)).toEqual([['caveat', 'clamp', 'review', 'temperature', '1']]);
  });

  it('the developer role: sent as system where the model rejects it; a computed role is marked; served where the catalog does not say', () => {
    expect(steps(call({ model: 'gpt-5', adapt: { roles: ['developer'] } }), T.deepseek!)).toEqual([['ok', 'adapt', 'migrated', 'role', 'system']]);
    expect(steps(call({ model: 'gpt-5', adapt: { rolesComputed: true } }), T.deepseek!)).toEqual([['caveat', 'mark', 'manual', null, null]]);
    expect(steps(call({ model: 'gpt-5', adapt: { roles: ['developer'] } }), T.moonshot!)).toEqual([]);
  });

  it('json_schema where only json_object is served: switched, with a marker; zod or a computed format is marked; Responses is left', () => {
    expect(steps(call({ features: ['json_schema', 'response_format'], adapt: { jsonSchemaLiteral: true } }), T.deepseek!)).toEqual([['caveat', 'adapt', 'manual', 'response_format', 'json_object']]);
    expect(steps(call({ api: 'chat.completions.parse', features: ['json_schema', 'response_format', 'zod'] }), T.deepseek!)).toEqual([['blocked', 'mark', 'manual', null, null]]);
    expect(steps(call({ features: ['json_schema', 'response_format'], adapt: { jsonSchemaLiteral: true } }), T.qwen!)).toEqual([]);
  });

  it('a forced tool_choice while the model thinks: auto with a marker; a model that may not think is marked only when unsure', () => {
    const forced = call({ model: 'gpt-4.1', features: ['tool_choice', 'tools'], toolChoice: 'required' });
    expect(steps(forced, T.deepseek!)).toEqual([['caveat', 'set-field', 'manual', 'tool_choice', 'auto']]);
    expect(steps({ ...forced, request: 'other-file' }, T.deepseek!)).toEqual([['caveat', 'mark', 'manual', null, null]]);
    expect(steps({ ...forced, toolChoice: 'auto' }, T.deepseek!)).toEqual([]);
    // The call turns DeepSeek's thinking off itself: the forced tool is served; computed, it may not be.
    expect(steps({ ...forced, adapt: { thinkingType: 'disabled' } }, T.deepseek!)).toEqual([]);
    expect(steps({ ...forced, adapt: { thinkingType: null } }, T.deepseek!)).toEqual([['caveat', 'mark', 'manual', null, null]]);
    // qwen-plus thinks only when asked to (enable_thinking).
    const qwen = { ...forced, model: 'gpt-4o' };
    expect(steps(qwen, T.qwen!).filter((s) => s[3] === 'tool_choice')).toEqual([]);
  });

  it('max_tokens: clamped to the model\'s range; max_completion_tokens renamed where the provider ignores it', () => {
    expect(steps(call({ features: ['max_tokens'], adapt: { numbers: { max_tokens: 500000 } } }), T.deepseek!)).toEqual([['caveat', 'clamp', 'review', 'max_tokens', '384000']]);
    expect(steps(call({ features: ['max_tokens'], adapt: { numbers: { max_tokens: 0 } } }), T.deepseek!)).toEqual([['caveat', 'clamp', 'review', 'max_tokens', '1']]);
    expect(steps(call({ features: ['max_tokens'], adapt: { numbers: { max_tokens: 4096 } } }), T.deepseek!)).toEqual([]);
    expect(steps(call({ features: ['max_completion_tokens'], adapt: { numbers: { max_completion_tokens: 2048 } } }), T.deepseek!)).toEqual([['caveat', 'rename-field', 'review', 'max_completion_tokens', 'max_tokens']]);
  });

  it('Qwen thinking in a non-streaming call: marked while the catalog is unsure; streamed or off, nothing', () => {
    expect(steps(call({ adapt: { enableThinking: true } }), T.qwen!)).toEqual([['caveat', 'mark', 'manual', null, null]]);
    expect(steps(call({ adapt: { enableThinking: null } }), T.qwen!)).toEqual([['caveat', 'mark', 'manual', null, null]]);
    expect(steps(call({ features: ['stream'], adapt: { enableThinking: true } }), T.qwen!)).toEqual([]);
    expect(steps(call({ adapt: { enableThinking: false } }), T.qwen!)).toEqual([]);
    expect(steps(call({}), T.qwen!)).toEqual([]);
  });

  it('what the code reads back: DeepSeek\'s cache counter, and reasoning a thinking model needs sent back in a tool loop', () => {
    expect(steps(call({ adapt: { cachedTokensReads: [[0, 1]] } }), T.deepseek!)).toEqual([['caveat', 'adapt', 'manual', 'usage', null]]);
    expect(steps(call({ adapt: { cachedTokensReads: [[0, 1]] } }), T.qwen!)).toEqual([]);
    const loop = call({ model: 'gpt-4.1', features: ['tools'], adapt: { contentReplays: [[0, 1]] } });
    expect(steps(loop, T.deepseek!)).toEqual([['caveat', 'adapt', 'manual', 'replay', null]]);
    expect(steps(loop, T.moonshot!)).toEqual([['caveat', 'adapt', 'manual', 'replay', null]]);
    // qwen-plus does not think unless asked.
    expect(steps({ ...loop, model: 'gpt-4o' }, T.qwen!)).toEqual([]);
  });
});

describe('model-level adapters: the planner carries them out', () => {
  /** A qwen template whose qwen-plus thinks in streaming calls only (as the catalog would say once it is known). */
  const streamOnly = structuredClone(T.qwen!);
  streamOnly.models.catalog!['qwen-plus']!.streamOnlyThinking = 'yes';

  async function migrated(text: string, t: Template): Promise<string> {
    const dir = testdir({ 'a.ts': text });
    try {
      const analysis = await analyze({ paths: [dir], cwd: dir, types: false });
      const file = analysis.files[0]!;
      return applyEdits(file.text, planFile(file, { template: t, sites: analysis.sites }, analysis.evaluator).edits);
    } finally {
      removeDir(dir);
    }
  }

  it('turns thinking off in a non-streaming call where the model thinks in streaming calls only', async () => {
    const text = [
      "import OpenAI from 'openai';",
      'const c = new OpenAI();',
      "// @ts-expect-error DashScope's switch",
      "export const r = c.chat.completions.create({ model: 'gpt-4o', messages: [], enable_thinking: true });",
      '',
    ].join('\n');
    const out = await migrated(text, streamOnly);
    expect(out).toContain("model: 'qwen-plus', messages: [], enable_thinking: false });");
    expect(out).toContain("// qianyi: Alibaba Qwen's qwen-plus thinks in streaming calls only: enable_thinking set to false (stream this call to keep thinking)");
  });

  it('max_completion_tokens on DeepSeek: renamed to max_tokens and clamped to the model\'s range in one go', async () => {
    const text = [
      "import OpenAI from 'openai';",
      'const c = new OpenAI();',
      "export const r = c.chat.completions.create({ model: 'gpt-4o', messages: [], max_completion_tokens: 500000 });",
      '',
    ].join('\n');
    const once = await migrated(text, T.deepseek!);
    expect(once).toContain("model: 'deepseek-flash', messages: [], max_tokens: 384000 });");
    // A second run finds nothing more to change.
    expect(await migrated(once, T.deepseek!)).toBe(once);
  });

  it('a developer message through a const, and a json_schema format, rewritten in place', async () => {
    const text = [
      "import OpenAI from 'openai';",
      'const c = new OpenAI();',
      "const sys = { role: 'developer' as const, content: 'Be brief.' };",
      "export const r = c.chat.completions.create({ model: 'gpt-5', messages: [sys], response_format: { type: 'json_schema', json_schema: { name: 'x', schema: {} } } });",
      '',
    ].join('\n');
    const out = await migrated(text, T.deepseek!);
    expect(out).toContain("const sys = { role: 'system' as const, content: 'Be brief.' };");
    expect(out).toContain("response_format: { type: 'json_object' } });");
    expect(out).toContain("// TODO(qianyi): DeepSeek's deepseek-v4-pro serves json_object, not json_schema");
  });
});
