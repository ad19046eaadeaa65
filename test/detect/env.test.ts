import { describe, expect, it } from 'vitest';
import { sitesOfKind } from '../helpers/scan-files.js';

describe('env detector', () => {
  it('reports reads of OpenAI and Azure OpenAI variables in every form', async () => {
    const sites = await sitesOfKind('env', {
      'a.ts': [
        'const a = process.env.OPENAI_API_KEY;',
        "const b = process.env['OPENAI_BASE_URL'];",
        'const c = import.meta.env.OPENAI_API_KEY;',
        'const { OPENAI_ORG_ID, OPENAI_PROJECT_ID: project, HOME } = process.env;',
        "const d = Deno.env.get('OPENAI_API_KEY');",
        'const e = process.env.AZURE_OPENAI_ENDPOINT;',
        'const f = process.env.ANTHROPIC_API_KEY;',
        "const g = 'process.env.OPENAI_API_KEY';",
        '',
      ].join('\n'),
    });
    expect(sites).toEqual([
      { at: 'a.ts:1:11', kind: 'env', name: 'OPENAI_API_KEY' },
      { at: 'a.ts:2:11', kind: 'env', name: 'OPENAI_BASE_URL' },
      { at: 'a.ts:3:11', kind: 'env', name: 'OPENAI_API_KEY' },
      { at: 'a.ts:4:9', kind: 'env', name: 'OPENAI_ORG_ID' },
      { at: 'a.ts:4:24', kind: 'env', name: 'OPENAI_PROJECT_ID' },
      { at: 'a.ts:5:11', kind: 'env', name: 'OPENAI_API_KEY' },
      { at: 'a.ts:6:11', kind: 'env', name: 'AZURE_OPENAI_ENDPOINT', sdk: 'azure-openai' },
    ]);
  });
});
