import { describe, expect, it } from 'vitest';
import { sitesOfKind } from '../helpers/scan-files.js';

describe('imports detector', () => {
  it('reports every import form of the SDK with its position', async () => {
    const sites = await sitesOfKind('import', {
      'a.ts': [
        "import OpenAI from 'openai';",
        "import { AzureOpenAI } from 'openai';",
        "import type { ChatCompletion } from 'openai/resources/chat/completions';",
        "import * as oa from 'openai';",
        "import { zodResponseFormat } from 'openai/helpers/zod';",
        "export { OpenAI as Client } from 'openai';",
        "import x = require('openai');",
        "const lazy = async () => (await import('openai')).default;",
        '',
      ].join('\n'),
      'b.cjs': "const { Configuration, OpenAIApi } = require(\"openai\");\nconst OpenAI = require('openai');\n",
    });
    expect(sites).toEqual([
      { at: 'a.ts:1:1', kind: 'import', name: 'openai' },
      { at: 'a.ts:2:1', kind: 'import', name: 'openai', sdk: 'azure-openai' },
      { at: 'a.ts:3:1', kind: 'import', name: 'openai/resources/chat/completions' },
      { at: 'a.ts:4:1', kind: 'import', name: 'openai' },
      { at: 'a.ts:5:1', kind: 'import', name: 'openai/helpers/zod' },
      { at: 'a.ts:6:1', kind: 'import', name: 'openai' },
      { at: 'a.ts:7:1', kind: 'import', name: 'openai' },
      { at: 'a.ts:8:33', kind: 'import', name: 'openai' },
      { at: 'b.cjs:1:38', kind: 'import', name: 'openai', sdk: 'openai-v3' },
      { at: 'b.cjs:2:16', kind: 'import', name: 'openai' },
    ]);
  });

  it('ignores other packages, look-alike names, comments and strings (other sources keep their own sdk)', async () => {
    const sites = await sitesOfKind('import', {
      'a.ts': [
        "import { OpenAI } from '@langchain/openai';",
        "import { createOpenAI } from '@ai-sdk/openai';",
        "import OpenAIish from 'openai-edge';",
        "// import OpenAI from 'openai';",
        "const s = \"import OpenAI from 'openai'\";",
        'const t = `require("openai")`;',
        "import Groq from 'groq-sdk';",
        '',
      ].join('\n'),
    });
    expect(sites.filter((s) => !s.sdk)).toEqual([]);
    expect(sites.map((s) => s.sdk)).toEqual(['langchain', 'ai-sdk', 'openai-edge']);
  });
});
