import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stalenessWarnings } from '../../src/templates/catalog.js';
import { loadBuiltinTemplates, parseTemplate, templatesDir } from '../../src/templates/load.js';
import { qianyi } from '../helpers/exec.js';
import { removeDir, testdir } from '../helpers/testdir.js';

/**
 * The skeleton (checked 2026-01-01) with its chat model deprecated (shuts down 2026-12-31), and a retired model in
 * the catalog that only the user's --model names (the schema refuses a retired model in defaults and map).
 */
const skeleton = readFileSync(path.join(templatesDir(), '_template', 'template.yaml'), 'utf8');
const ending = skeleton
  .replace('      status: active                  #', '      status: deprecated\n      shutdown: 2026-12-31\n      replacement: my-embedding-model\n      #')
  .replace('  catalog:\n', `  catalog:\n    my-old-model:\n      kind: chat\n      status: retired\n      contextWindow: unknown\n      maxOutput: unknown\n      input: unknown\n      thinking: unknown\n      roles: unknown\n      sampling: unknown\n      toolChoice: unknown\n      responseFormat: unknown\n      maxTokens: unknown\n      price: unknown\n      sources: [S1]\n`);

let dir = '';
beforeAll(() => {
  dir = testdir({
    'gateway.yaml': ending,
    'src/chat.ts': "import OpenAI from 'openai';\nconst openai = new OpenAI();\nexport const r = () => openai.chat.completions.create({ model: 'gpt-4o', messages: [] });\n",
  });
});
afterAll(() => removeDir(dir));

describe('stalenessWarnings', () => {
  it('says nothing for the built-in templates on the day they were checked', () => {
    for (const t of loadBuiltinTemplates()) expect(stalenessWarnings([t], { day: t.checked })).toEqual([]);
  });

  it('a template checked over 180 days ago, a model shutting down within 60 days, a retired one the user chose', () => {
    const t = parseTemplate(skeleton.replace('      status: active                  #', '      status: deprecated\n      shutdown: 2026-12-31\n      replacement: my-embedding-model\n      #'), 't');
    expect(stalenessWarnings([t], { day: '2026-06-29' })).toEqual([]);
    expect(stalenessWarnings([t], { day: '2026-07-01' })).toEqual([
      "qianyi: warning: the my-gateway template's facts were checked on 2026-01-01, 181 days ago; models and prices may have changed (qianyi verify checks them live)",
    ]);
    expect(stalenessWarnings([t], { day: '2026-11-01' })).toContain('qianyi: warning: my-gateway model my-chat-model shuts down on 2026-12-31 (in 60 days); use my-embedding-model');
    expect(stalenessWarnings([t], { day: '2026-10-31' }).filter((l) => l.includes('shuts down'))).toEqual([]);
    expect(stalenessWarnings([t], { day: '2027-01-05' })).toContain('qianyi: warning: my-gateway model my-chat-model is retired since 2026-12-31; use my-embedding-model');
  });
});

describe('staleness on every run (stderr, one line each)', () => {
  const env = { QIANYI_TODAY: '2026-12-01' };
  const expected = [
    "qianyi: warning: the my-gateway template's facts were checked on 2026-01-01, 334 days ago; models and prices may have changed (qianyi verify checks them live)",
    'qianyi: warning: my-gateway model my-chat-model shuts down on 2026-12-31 (in 30 days); use my-embedding-model',
  ];

  // Besides the line naming the user template in use (test/security/injection.test.ts asserts it).
  const own = (text: string) => text.trim().split('\n').filter((l) => !l.startsWith('qianyi: using user template'));

  it('scan', () => {
    const { stderr, code } = qianyi(['scan', dir, '--template', path.join(dir, 'gateway.yaml'), '--provider', 'my-gateway', '--no-progress', '--format', 'json'], { env });
    expect(own(stderr)).toEqual(expected);
    expect(code).toBe(0);
  });

  it('check and migrate, with a retired model the user maps to', () => {
    const args = ['--template', path.join(dir, 'gateway.yaml'), '--provider', 'my-gateway', '--model', 'gpt-4o=my-old-model', '--no-progress', '--format', 'json'];
    const check = qianyi(['check', dir, ...args], { env });
    expect(own(check.stderr)).toEqual([...expected, 'qianyi: warning: my-gateway model my-old-model is retired']);
    const migrate = qianyi(['migrate', dir, ...args, '--dry-run'], { env });
    expect(own(migrate.stderr)).toEqual([...expected, 'qianyi: warning: my-gateway model my-old-model is retired']);
  });
});
