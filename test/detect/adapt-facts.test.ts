import { describe, expect, it } from 'vitest';
import { scan } from '../../src/index.js';
import { removeDir, testdir } from '../helpers/testdir.js';

const header = "import OpenAI from 'openai';\nimport { zodResponseFormat } from 'openai/helpers/zod';\nconst c = new OpenAI();\n";

/** The adapt facts of each call of a one-file project, offsets replaced by the text they cover. */
async function factsOf(body: string): Promise<unknown[]> {
  const text = header + body;
  const dir = testdir({ 'a.ts': text });
  try {
    const result = await scan({ paths: [dir], cwd: dir });
    return result.sites.filter((s) => s.kind === 'call').map((s) => {
      const a = s.adapt;
      if (!a) return null;
      const texts = (spans?: Array<[number, number]>) => spans?.map(([start, end]) => text.slice(start, end));
      return { ...a, ...(a.cachedTokensReads ? { cachedTokensReads: texts(a.cachedTokensReads) } : {}), ...(a.contentReplays ? { contentReplays: texts(a.contentReplays) } : {}) };
    });
  } finally {
    removeDir(dir);
  }
}

describe('adapt facts: message roles', () => {
  it('reads role literals of the messages written here, through a const message or a const array', async () => {
    expect(await factsOf([
      "c.chat.completions.create({ model: 'gpt-5', messages: [{ role: 'developer', content: 'x' }, { role: 'user' as const, content: 'y' }] });",
      "const sys = { role: 'developer' as const, content: 'x' };",
      "c.chat.completions.create({ model: 'gpt-5', messages: [sys, { role: 'user', content: 'y' }] });",
      "const list = [{ role: 'system' as const, content: 'x' }];",
      "c.chat.completions.create({ model: 'gpt-5', messages: list });",
      '',
    ].join('\n'))).toEqual([
      { roles: ['developer'] },
      { roles: ['developer'] },
      // Roles every provider takes are not recorded.
      null,
    ]);
  });

  it('a computed role is noted; messages from elsewhere are not followed (nothing recorded)', async () => {
    expect(await factsOf([
      "export async function f(dev: boolean, history: OpenAI.Chat.ChatCompletionMessageParam[]) {",
      "  c.chat.completions.create({ model: 'gpt-5', messages: [{ role: dev ? 'developer' : 'system', content: 'x' }] });",
      "  c.chat.completions.create({ model: 'gpt-5', messages: history });",
      "  c.chat.completions.create({ model: 'gpt-5', messages: [...history] });",
      "  c.chat.completions.create({ model: 'gpt-5', messages: [history[0]!, { role: 'user', content: 'y' }] });",
      '}',
      '',
    ].join('\n'))).toEqual([{ rolesComputed: true }, null, null, { rolesComputed: true }]);
  });
});

describe('adapt facts: request fields', () => {
  it('numbers as literals or computed, Qwen\'s thinking switch, a literal json_schema format', async () => {
    expect(await factsOf([
      "export async function f(k: number, think: boolean) {",
      "  c.chat.completions.create({ model: 'gpt-4o', messages: [], n: 2, max_tokens: 500000, max_completion_tokens: k });",
      "  // @ts-expect-error not in the openai types",
      "  c.chat.completions.create({ model: 'gpt-4o', messages: [], enable_thinking: true });",
      "  // @ts-expect-error not in the openai types",
      "  c.chat.completions.create({ model: 'gpt-4o', messages: [], enable_thinking: think });",
      "  // @ts-expect-error not in the openai types",
      "  c.chat.completions.create({ model: 'gpt-4o', messages: [], thinking: { type: 'disabled' } });",
      "  c.chat.completions.create({ model: 'gpt-4o', messages: [], response_format: { type: 'json_schema', json_schema: { name: 'x', schema: {} } } });",
      "  c.chat.completions.create({ model: 'gpt-4o', messages: [], response_format: { type: 'json_object' } });",
      "  c.chat.completions.parse({ model: 'gpt-4o', messages: [], response_format: zodResponseFormat(Schema, 'x') });",
      '}',
      '',
    ].join('\n'))).toEqual([
      { numbers: { n: 2, max_tokens: 500000, max_completion_tokens: null } },
      { enableThinking: true },
      { enableThinking: null },
      { thinkingType: 'disabled' },
      { jsonSchemaLiteral: true },
      null,
      null,
    ]);
  });
});

describe('adapt facts: what the code reads back', () => {
  it('reads of usage.prompt_tokens_details, through the result, a destructured usage and a stream', async () => {
    expect(await factsOf([
      "export async function f() {",
      "  const res = await c.chat.completions.create({ model: 'gpt-4o', messages: [] });",
      "  const cached = res.usage?.prompt_tokens_details?.cached_tokens ?? 0;",
      "  const total = res.usage?.prompt_tokens;",
      "  const { usage } = await c.chat.completions.create({ model: 'gpt-4o', messages: [] });",
      "  console.log(usage?.prompt_tokens_details, cached, total);",
      "  const stream = await c.chat.completions.create({ model: 'gpt-4o', messages: [], stream: true, stream_options: { include_usage: true } });",
      "  for await (const chunk of stream) console.log(chunk.usage?.prompt_tokens_details?.cached_tokens);",
      '}',
      "export function g(res: { usage?: { prompt_tokens_details?: unknown } }) { return res.usage?.prompt_tokens_details; }",
      '',
    ].join('\n'))).toEqual([
      { cachedTokensReads: ['res.usage?.prompt_tokens_details?.cached_tokens'] },
      { cachedTokensReads: ['usage?.prompt_tokens_details'] },
      { cachedTokensReads: ['chunk.usage?.prompt_tokens_details?.cached_tokens'] },
    ]);
  });

  it('an assistant message rebuilt from content and tool_calls only, not one sent back whole or with its reasoning', async () => {
    expect(await factsOf([
      "export async function f(messages: OpenAI.Chat.ChatCompletionMessageParam[]) {",
      "  const res = await c.chat.completions.create({ model: 'gpt-4.1', messages, tools: [] });",
      "  const msg = res.choices[0]!.message;",
      "  messages.push({ role: 'assistant', content: msg.content, tool_calls: msg.tool_calls });",
      "  const again = await c.chat.completions.create({ model: 'gpt-4.1', messages, tools: [] });",
      "  messages.push(again.choices[0]!.message);",
      "  messages.push({ ...again.choices[0]!.message, content: again.choices[0]!.message.content });",
      "  const third = await c.chat.completions.create({ model: 'gpt-4.1', messages, tools: [] });",
      "  messages.push({ role: 'assistant', content: third.choices[0]!.message.content });",
      '}',
      '',
    ].join('\n'))).toEqual([
      { contentReplays: ["{ role: 'assistant', content: msg.content, tool_calls: msg.tool_calls }"] },
      null,
      null,
    ]);
  });
});
