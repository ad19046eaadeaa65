import { describe, expect, it } from 'vitest';
import { sitesOfKind } from '../helpers/scan-files.js';

describe('clients detector', () => {
  it('reports constructions of the SDK classes with their options', async () => {
    const sites = await sitesOfKind('client', {
      'a.ts': [
        "import OpenAI, { AzureOpenAI as Az } from 'openai';",
        "import * as oa from 'openai';",
        'const a = new OpenAI();',
        "const b = new OpenAI({ apiKey: 'k', baseURL: process.env.OPENAI_BASE_URL, organization: 'o' });",
        "const c = new Az({ endpoint: 'e', apiVersion: '2024-10-21' });",
        'const d = new oa.OpenAI(opts);',
        'const e = new oa.default({ project: "p" });',
        'class Mine extends OpenAI {}',
        'const f = new Mine();',
        '',
      ].join('\n'),
      'b.cjs': "const OpenAI = require('openai');\nconst g = new OpenAI();\nconst h = new (require('openai'))({ maxRetries: 2 });\n",
      'v3.js': "const { Configuration, OpenAIApi } = require('openai');\nconst api = new OpenAIApi(new Configuration({ apiKey: 'x', basePath: 'y' }));\n",
    });
    expect(sites).toEqual([
      { at: 'a.ts:3:11', kind: 'client', name: 'OpenAI', options: [] },
      { at: 'a.ts:4:11', kind: 'client', name: 'OpenAI', options: ['apiKey', 'baseURL', 'organization'] },
      { at: 'a.ts:5:11', kind: 'client', name: 'AzureOpenAI', sdk: 'azure-openai', options: ['apiVersion', 'endpoint'] },
      { at: 'a.ts:6:11', kind: 'client', name: 'OpenAI', options: null },
      { at: 'a.ts:7:11', kind: 'client', name: 'OpenAI', options: ['project'] },
      { at: 'a.ts:9:11', kind: 'client', name: 'OpenAI', options: [] },
      { at: 'b.cjs:2:11', kind: 'client', name: 'OpenAI', options: [] },
      { at: 'b.cjs:3:11', kind: 'client', name: 'OpenAI', options: ['maxRetries'] },
      { at: 'v3.js:2:13', kind: 'client', name: 'OpenAIApi', sdk: 'openai-v3', options: ['apiKey', 'basePath'] },
    ]);
  });

  it('does not report classes that only share the name as openai clients', async () => {
    const sites = await sitesOfKind('client', {
      'a.ts': "import { OpenAI } from '@langchain/openai';\nconst llm = new OpenAI({ model: 'x' });\n",
      'b.ts': 'class OpenAI { chat = { completions: { create() {} } } }\nconst local = new OpenAI();\n',
      'c.ts': "import Groq from 'groq-sdk';\nconst g = new Groq();\nconst OpenAI = Groq;\nconst h = new OpenAI();\n",
    });
    // LangChain's OpenAI is a client of its own source, never the openai SDK's.
    expect(sites).toEqual([{ at: 'a.ts:2:13', kind: 'client', sdk: 'langchain', name: 'OpenAI', model: 'x', options: ['model'] }]);
  });
});
