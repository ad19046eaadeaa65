import { describe, expect, it } from 'vitest';
import { scanFiles } from '../helpers/scan-files.js';

describe('LangChain source', () => {
  it('reports OpenAI classes, the requests of their models and what bindTools/withStructuredOutput add', async () => {
    const { sites } = await scanFiles({
      'a.ts': [
        "import { ChatOpenAI as Chat } from '@langchain/openai';",
        "const llm = new Chat({ model: 'gpt-4o-mini', useResponsesApi: true });",
        "llm.bindTools(tools, { tool_choice: 'any' }).stream(q);",
        "llm.withStructuredOutput(schema, { method: 'jsonMode' }).invoke(q);",
        'export async function f(model: Chat) { return model.batch([q]); }',
        '',
      ].join('\n'),
    });
    expect(sites).toEqual([
      { at: 'a.ts:1:1', kind: 'import', sdk: 'langchain', name: '@langchain/openai' },
      { at: 'a.ts:2:13', kind: 'client', sdk: 'langchain', model: 'gpt-4o-mini', name: 'ChatOpenAI', options: ['model', 'useResponsesApi'] },
      { at: 'a.ts:3:1', kind: 'call', sdk: 'langchain', api: 'responses.create', model: 'gpt-4o-mini', features: ['stream', 'tool_choice', 'tools'] },
      { at: 'a.ts:4:1', kind: 'call', sdk: 'langchain', api: 'responses.create', model: 'gpt-4o-mini', features: ['json_object'] },
      { at: 'a.ts:5:47', kind: 'call', sdk: 'langchain', api: 'chat.completions.create' },
    ]);
  });

  it('does not report other providers, other LangChain modules or unknown receivers, nor the calls and model ids of other services', async () => {
    const { sites } = await scanFiles({
      'a.ts': [
        "import { ChatOpenAI } from '@langchain/openai';",
        "import { ChatAnthropic } from '@langchain/anthropic';",
        "import { LLMChain } from 'langchain/chains';",
        "const ds = new ChatOpenAI({ model: 'deepseek-chat', configuration: { baseURL: 'https://api.deepseek.com' } });",
        'ds.invoke(q);',
        "new ChatAnthropic({ model: 'claude-sonnet-4' }).invoke(q);",
        'new LLMChain({ llm, prompt }).call({});',
        'export const g = (x: any) => x.invoke(q);',
        '',
      ].join('\n'),
    });
    // The model of another host is reported as that host's client (migrate leaves it); its id and calls are not sites.
    expect(sites).toEqual([
      { at: 'a.ts:1:1', kind: 'import', sdk: 'langchain', name: '@langchain/openai' },
      { at: 'a.ts:4:12', kind: 'client', sdk: 'langchain', name: 'ChatOpenAI', options: ['configuration', 'model'] },
    ]);
  });
});
