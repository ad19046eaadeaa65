import { describe, expect, it } from 'vitest';
import { scanFiles } from '../helpers/scan-files.js';

describe('openai-edge, @azure/openai 1.x and chatgpt sources', () => {
  it('reports their clients and calls with shared operation ids', async () => {
    const { sites } = await scanFiles({
      'edge.ts': [
        "import { Configuration, OpenAIApi } from 'openai-edge';",
        "const api = new OpenAIApi(new Configuration({ apiKey: 'k', basePath: 'https://api.openai.com/v1' }));",
        "api.createImage({ prompt: 'x', n: 2 });",
        '',
      ].join('\n'),
      'azure.ts': [
        "import { OpenAIClient, OpenAIKeyCredential } from '@azure/openai';",
        "const c = new OpenAIClient(new OpenAIKeyCredential('k'));",
        "c.streamChatCompletions('gpt-4o', messages, { tools, responseFormat: { type: 'json_object' } });",
        "c.getEmbeddings('my-embeddings', ['a']);",
        '',
      ].join('\n'),
      'bot.mjs': "import { ChatGPTAPI } from 'chatgpt';\nconst bot = new ChatGPTAPI({ apiKey: k });\nbot.sendMessage('hi');\n",
    });
    expect(sites).toEqual([
      { at: 'azure.ts:1:1', kind: 'import', sdk: 'azure-openai-client', name: '@azure/openai' },
      { at: 'azure.ts:2:11', kind: 'client', sdk: 'azure-openai-client', name: 'OpenAIClient', options: ['OpenAIKeyCredential'] },
      { at: 'azure.ts:3:1', kind: 'call', sdk: 'azure-openai-client', api: 'chat.completions.create', model: 'gpt-4o', features: ['json_object', 'response_format', 'stream', 'tools'] },
      { at: 'azure.ts:4:1', kind: 'call', sdk: 'azure-openai-client', api: 'embeddings.create' },
      { at: 'bot.mjs:1:1', kind: 'import', sdk: 'chatgpt', name: 'chatgpt' },
      // No completionParams: the package sends its default model.
      { at: 'bot.mjs:2:13', kind: 'client', sdk: 'chatgpt', name: 'ChatGPTAPI', options: ['apiKey'], model: 'gpt-3.5-turbo' },
      { at: 'bot.mjs:3:1', kind: 'call', sdk: 'chatgpt', api: 'chat.completions.create', model: 'gpt-3.5-turbo' },
      { at: 'edge.ts:1:1', kind: 'import', sdk: 'openai-edge', name: 'openai-edge' },
      { at: 'edge.ts:2:13', kind: 'client', sdk: 'openai-edge', name: 'OpenAIApi', options: ['apiKey', 'basePath'] },
      { at: 'edge.ts:3:1', kind: 'call', sdk: 'openai-edge', api: 'images.generate', features: ['n'] },
    ]);
  });

  it('does not report them pointed at another service, nor classes that only share the name', async () => {
    const { sites } = await scanFiles({
      'a.ts': [
        "import { Configuration, OpenAIApi } from 'openai-edge';",
        "import { ChatGPTAPI } from 'chatgpt';",
        "new OpenAIApi(new Configuration({ basePath: 'https://gateway.example.com/v1' })).createChatCompletion({});",
        "new ChatGPTAPI({ apiKey: k, apiBaseUrl: 'https://proxy.example.com' }).sendMessage('hi');",
        '',
      ].join('\n'),
      'b.ts': "class OpenAIClient { getChatCompletions() {} }\nnew OpenAIClient().getChatCompletions();\n",
    });
    expect(sites.filter((s) => s.kind !== 'import')).toEqual([]);
  });
});
