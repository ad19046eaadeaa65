import { describe, expect, it } from 'vitest';
import { sitesOfKind } from '../helpers/scan-files.js';

const header = "import OpenAI from 'openai';\nimport { zodResponseFormat, zodTextFormat, zodFunction } from 'openai/helpers/zod';\nconst c = new OpenAI();\n";

async function featuresOf(body: string): Promise<unknown[]> {
  const sites = await sitesOfKind('call', { 'a.ts': header + body });
  return sites.map((s) => s.features ?? []);
}

describe('request features', () => {
  it('reads sampling, token and tool parameters', async () => {
    expect(
      await featuresOf(
        "c.chat.completions.create({ model: 'gpt-4o', messages: [], stream: true, stream_options: { include_usage: true }, tools: [], tool_choice: 'auto', parallel_tool_calls: false, n: 2, logprobs: true, top_logprobs: 2, logit_bias: {}, seed: 1, temperature: 1.5, top_p: 0.9, frequency_penalty: 1, presence_penalty: 1, max_tokens: 10, stop: ['x'], user: 'u' });\n",
      ),
    ).toEqual([[
      'frequency_penalty', 'logit_bias', 'logprobs', 'max_tokens', 'n', 'parallel_tool_calls', 'presence_penalty', 'seed', 'stop',
      'stream', 'stream_options', 'temperature', 'tool_choice', 'tools', 'top_logprobs', 'top_p', 'user',
    ]]);
  });

  it('tells JSON mode, JSON schema and zod apart', async () => {
    expect(
      await featuresOf([
        "c.chat.completions.create({ model: 'gpt-4o', messages: [], response_format: { type: 'json_object' } });",
        "c.chat.completions.create({ model: 'gpt-4o', messages: [], response_format: { type: 'json_schema', json_schema: { name: 'x', schema: {} } } });",
        "c.chat.completions.parse({ model: 'gpt-4o', messages: [], response_format: zodResponseFormat(Schema, 'x') });",
        "c.responses.create({ model: 'gpt-4o', input: 'x', text: { format: zodTextFormat(Schema, 'x') }, reasoning: { effort: 'low' }, max_output_tokens: 5 });",
        "c.chat.completions.runTools({ model: 'gpt-4o', messages: [], tools: [zodFunction({ name: 'f', parameters: Schema })] });",
        "c.chat.completions.create({ model: 'o3', messages: [], functions: [], function_call: 'auto', reasoning_effort: 'high', max_completion_tokens: 9, stream: false });",
        '',
      ].join('\n')),
    ).toEqual([
      ['json_object', 'response_format'],
      ['json_schema', 'response_format'],
      ['json_schema', 'response_format', 'zod'],
      ['json_schema', 'max_output_tokens', 'reasoning_effort', 'response_format', 'zod'],
      ['tools', 'zod'],
      ['functions', 'max_completion_tokens', 'reasoning_effort', 'tool_choice'],
    ]);
  });

  it('finds vision content parts, also in a messages const, and streaming helpers', async () => {
    expect(
      await featuresOf([
        "const messages = [{ role: 'user' as const, content: [{ type: 'image_url' as const, image_url: { url: 'data:x' } }] }];",
        "c.chat.completions.create({ model: 'gpt-4o', messages });",
        "c.responses.create({ model: 'gpt-4o', input: [{ role: 'user', content: [{ type: 'input_image', image_url: 'u' }] }] });",
        "c.chat.completions.stream({ model: 'gpt-4o', messages: [] });",
        "c.chat.completions.create({ ...base, model: 'gpt-4o' });",
        '',
      ].join('\n')),
    ).toEqual([['vision'], ['vision'], ['stream'], []]);
  });
});
