import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/migrate/migrate.js';
import { bumpOpenAi } from '../../src/sources/openai/v3-rewrite.js';
import { loadBuiltinTemplates, resolveProviderId } from '../../src/templates/load.js';
import { removeDir, testdir } from '../helpers/testdir.js';

const template = resolveProviderId('deepseek', loadBuiltinTemplates());
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));
const PKG = '{\n  "dependencies": { "openai": "^3.3.0" }\n}\n';
const HEAD = "import { Configuration, OpenAIApi } from 'openai';\nconst openai = new OpenAIApi(new Configuration({ apiKey: process.env.OPENAI_API_KEY }));\n";

async function run(code: string) {
  const dir = testdir({ 'package.json': PKG, 'src/a.ts': HEAD + code });
  dirs.push(dir);
  const result = await migrate({ paths: [dir], cwd: dir, template, write: true, rewriteV3: true });
  return {
    code: readFileSync(path.join(dir, 'src/a.ts'), 'utf8'),
    pkg: readFileSync(path.join(dir, 'package.json'), 'utf8'),
    manual: result.items.filter((i) => i.bucket === 'manual').map((i) => i.reason),
  };
}

describe('--rewrite-v3', () => {
  it('rewrites the client, the call and the .data reads, and bumps openai', async () => {
    const out = await run("export async function f() {\n  const r = await openai.createChatCompletion({ model: 'gpt-4o', messages: [] });\n  return r.data.choices;\n}\n");
    expect(out.code).toContain("import { OpenAI } from 'openai';");
    expect(out.code).toContain('new OpenAI({ apiKey: process.env.DEEPSEEK_API_KEY, baseURL:');
    expect(out.code).toContain("await openai.chat.completions.create({ model: 'deepseek-flash', messages: [] });");
    expect(out.code).toContain('return r.choices;');
    expect(out.manual).toEqual([]);
    expect(out.pkg).toContain('"openai": "6.49.0"');
  });

  it('marks what it cannot follow, and then leaves package.json alone', async () => {
    const out = await run([
      "export const raw = () => openai.createChatCompletion({ model: 'gpt-4o', messages: [] });",
      "export async function g() { const r = await openai.createCompletion({ model: 'gpt-3.5-turbo-instruct', prompt: 'x' }); return r.status; }",
      "export const stream = () => openai.createChatCompletion({ model: 'gpt-4o', messages: [] }, { responseType: 'stream' });",
      "export const file = (f: any) => openai.createTranscription(f, 'whisper-1');",
      '',
    ].join('\n'));
    expect(out.manual.filter((r) => r.startsWith('--rewrite-v3'))).toEqual([
      '--rewrite-v3: where this result is used, drop .data: the current client returns the body (what .data was)',
      '--rewrite-v3: r is the 3.x response here: the current client returns the body (what .data was), so read it directly',
      "--rewrite-v3: this call passes request options ({ responseType: 'stream' }), which the current client takes differently",
      '--rewrite-v3: createTranscription takes positional arguments in 3.x: rewrite it to the current client by hand',
    ]);
    expect(out.pkg).toBe(PKG);
  });

  it('without the flag, a 3.x client keeps its shape and gets a base path (the default)', async () => {
    const dir = testdir({ 'package.json': PKG, 'src/a.ts': `${HEAD}export const f = () => openai.createChatCompletion({ model: 'gpt-4o', messages: [] });\n` });
    dirs.push(dir);
    await migrate({ paths: [dir], cwd: dir, template, write: true });
    const code = readFileSync(path.join(dir, 'src/a.ts'), 'utf8');
    expect(code).toContain('new OpenAIApi(new Configuration({ apiKey: process.env.DEEPSEEK_API_KEY, basePath:');
    expect(code).toContain('openai.createChatCompletion(');
    expect(readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe(PKG);
  });

  it('bumps only a listed openai dependency', () => {
    expect(bumpOpenAi('{ "devDependencies": { "openai": "3.2.1" } }')).toBe('{ "devDependencies": { "openai": "6.49.0" } }');
    expect(bumpOpenAi('{ "dependencies": { "openai-edge": "1.0.0" } }')).toBeUndefined();
    expect(bumpOpenAi('{ "dependencies": { "openai": "6.49.0" } }')).toBeUndefined();
  });
});
