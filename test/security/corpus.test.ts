/**
 * The adversarial corpus (issue 10): scan and migrate --dry-run over hostile and odd inputs generated at test
 * time — TypeScript and JSX syntax forms, syntax errors, a 20 MB file, minified code, binary with a .js name,
 * GBK/latin1/UTF-16 text, empty files, a FIFO, a directory named x.ts, symlink loops and links out of the
 * tree, deep nesting, names with spaces, quotes, newlines and Chinese — with keys of every provider format
 * planted throughout. Asserted: no crash, no hang, a reason for every refused file, no payload executed,
 * no key in any output or in the scan cache.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/exec.js';
import { removeDir, testdir } from '../helpers/testdir.js';
import { PLANTED_KEYS } from '../helpers/keys.js';

const temps: string[] = [];
afterAll(() => temps.forEach(removeDir));

const K = PLANTED_KEYS;
const SENTINEL = 'SENTINEL-payload-ran';
/** Code that leaves a sentinel file behind if anything ever evaluates it. */
const PAYLOAD = `require('fs').writeFileSync(${JSON.stringify(SENTINEL)}, 'pwned')`;

const USE = (model = 'gpt-4o') => `import OpenAI from 'openai';\nconst client = new OpenAI({ apiKey: '${K.openai}' });\nexport const go = () => client.chat.completions.create({ model: '${model}', messages: [] });\n`;

/** Every TypeScript and JSX form the parser and detectors must get through, each with an OpenAI call. */
const SYNTAX_FORMS = `
import OpenAI, { type ClientOptions } from 'openai';
import type * as Types from 'openai/resources';
export = undefined as never;
declare module 'x' { export const y: number; }
namespace NS { export const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY }); }
enum Kind { A = 1, B = A << 2 }
const enum Flag { X }
abstract class Base<T extends object = {}> { abstract run(): Promise<T>; #secret = 1; static { void 0; } }
@sealed class Service extends Base<object> {
  declare field: string;
  accessor count = 0;
  constructor(private readonly ai = new OpenAI()) { super(); }
  async run() { return this.ai.chat.completions.create({ model: 'gpt-4o-mini', messages: [] satisfies Types.Chat.ChatCompletionMessageParam[] }); }
  async *stream() { for await (const chunk of await this.ai.chat.completions.create({ model: \`gpt-4o\`, stream: true, messages: [] })) yield chunk; }
}
function sealed(target: unknown, _ctx?: unknown) { return target as never; }
const opts: ClientOptions = { apiKey: 'k' };
const maybe = (c?: OpenAI) => c?.chat?.completions?.create?.({ model: 'gpt-4.1', messages: [] });
const tagged = String.raw\`\${1}\\u{1F600}\`;
label: for (const _ of [1]) { break label; }
type Mapped<T> = { readonly [K in keyof T as \`get\${Capitalize<string & K>}\`]-?: () => T[K] };
let u: unique symbol; let big = 10n ** 2n; const re = /(?<year>\\d{4})/v;
export default function App(): JSX.Element {
  const client = new OpenAI();
  return <div onClick={() => client.chat.completions.create({ model: 'gpt-4o', messages: [] })}>{/* comment */}<>{'text'}</></div>;
}
`;

function makeCorpus(): { dir: string; outside: string } {
  const outside = testdir({
    'secret.ts': `import OpenAI from 'openai';\nexport const k = '${K.openaiService}';\nnew OpenAI();\n`,
    'payload.js': `${PAYLOAD};\n`,
  });
  temps.push(outside);
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'corpus', scripts: { postinstall: PAYLOAD, prepare: PAYLOAD } }),
    // A tsconfig that would run code if anything required it as a module.
    'tsconfig.json': JSON.stringify({ extends: './payload.js', compilerOptions: { plugins: [{ name: './payload.js' }] } }),
    'payload.js': `${PAYLOAD};\n`,
    'syntax/forms.tsx': SYNTAX_FORMS,
    'syntax/broken.ts': `import OpenAI from 'openai';\nconst c = new OpenAI({ apiKey: '${K.zhipu}' };\nc.chat.completions.create({ model: 'gpt-4o', messages: [ });\n`,
    'syntax/unterminated.js': "import OpenAI from 'openai';\nconst s = 'never closed\nnew OpenAI(\n",
    'syntax/js-in-ts.ts': `const OpenAI = require('openai');\nmodule.exports = new OpenAI({ apiKey: "${K.qianfan}" });\n`,
    'keys/model.ts': USE(K.openaiProject),
    'keys/url.ts': `${USE()}export const hook = 'https://api.example.com/v1/chat?api_key=${K.opaque}&x=1';\nexport const jwt = '${K.jwt}';\n`,
    'keys/.env': [
      `OPENAI_API_KEY=${K.openaiProject}`,
      `# old: OPENAI_API_KEY=${K.openai}`,
      `ZHIPU.API.KEY=${K.zhipu}`,
      'MULTI="first line',
      `${K.qianfan}`,
      'last line"',
      `CONT=abc\\`,
      `${K.opaque}`,
      'PORT=3000',
      '',
    ].join('\n'),
    'keys/.env.local': `export OPENAI_API_KEY="${K.openaiService}"\n`,
    'min/app.js': `import OpenAI from"openai";` + Array.from({ length: 300 }, (_, i) => `var a${i}=new OpenAI({apiKey:"${K.openai}"});a${i}.chat.completions.create({model:"gpt-4o",messages:[]});`).join(''),
    'empty.ts': '',
    'bom-only.ts': '\uFEFF',
    'x.ts/inner.ts': USE(),
    'names/with space.ts': USE(),
    "names/quote'\"s.ts": USE(),
    'names/new\nline.ts': USE(),
    'names/中文 文件.ts': `// 中文注释\n${USE()}`,
    'names/$(touch SENTINEL).ts': USE(),
    'deep/nesting.ts': `import OpenAI from 'openai';\nnew OpenAI().chat.completions.create({ model: 'gpt-4o', messages: ${'['.repeat(3000)}${']'.repeat(3000)} });\n`,
    'deep/parens.js': `const OpenAI = require('openai');\nexport const x = ${'('.repeat(5000)}1${')'.repeat(5000)};\nnew OpenAI();\n`,
  };
  let deep = 'deep/tree';
  for (let i = 0; i < 120; i++) deep += '/d';
  files[`${deep}/leaf.ts`] = USE();
  const dir = testdir(files);
  temps.push(dir);
  // A 20 MB file that imports the SDK.
  writeFileSync(path.join(dir, 'big.js'), `import OpenAI from 'openai';\nnew OpenAI();\n` + `// ${'x'.repeat(1000)}\n`.repeat(20 * 1024));
  // Binary bytes (NUL, 0xFF) with a .js name and an SDK import inside.
  const binary = Buffer.concat([Buffer.from([0, 0xff, 0xfe, 1, 2, 3]), Buffer.from(` require('openai') ${K.openai} `), Buffer.alloc(4096, 0xff)]);
  writeFileSync(path.join(dir, 'blob.js'), binary);
  // Non-UTF-8 text: GBK (中文 = D6 D0 CE C4), latin1 (é = E9), UTF-16LE with a BOM.
  writeFileSync(path.join(dir, 'enc-gbk.js'), Buffer.concat([Buffer.from('// '), Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), Buffer.from(`\nconst OpenAI = require('openai');\nnew OpenAI({ apiKey: '${K.openai}' });\n`)]));
  writeFileSync(path.join(dir, 'enc-latin1.js'), Buffer.concat([Buffer.from('// caf'), Buffer.from([0xe9]), Buffer.from(`\nconst OpenAI = require('openai');\nnew OpenAI();\n`)]));
  writeFileSync(path.join(dir, 'enc-utf16.ts'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`import OpenAI from 'openai';\nnew OpenAI({ apiKey: '${K.openai}' });\n`, 'utf16le')]));
  // A FIFO with a source name: reading it would block forever.
  spawnSync('mkfifo', [path.join(dir, 'pipe.ts')]);
  // Symbolic links: loops, and links out of the tree (to a file holding a key, and to a folder).
  symlinkSync('.', path.join(dir, 'loop'));
  mkdirSync(path.join(dir, 'a'));
  symlinkSync('../a', path.join(dir, 'a', 'back'));
  symlinkSync(path.join(outside, 'secret.ts'), path.join(dir, 'out.ts'));
  symlinkSync(outside, path.join(dir, 'outdir'));
  symlinkSync(path.join(dir, 'nowhere.ts'), path.join(dir, 'dangling.ts'));
  return { dir, outside };
}

interface Run {
  args: string[];
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

describe('adversarial corpus: scan and migrate --dry-run', () => {
  let dir: string;
  let outside: string;
  let cacheHome: string;
  const runs: Run[] = [];
  const run = (...args: string[]): Run => {
    const started = Date.now();
    const r = spawnSync(process.execPath, [BIN, ...args], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', XDG_CACHE_HOME: cacheHome, GITHUB_ACTIONS: 'true' },
    });
    const result = { args, code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
    runs.push(result);
    return result;
  };

  beforeAll(() => {
    ({ dir, outside } = makeCorpus());
    cacheHome = testdir({});
    temps.push(cacheHome);
  });

  it('no crash and no hang: every command ends on its own with exit 0 or 1 and no internal error', { timeout: 170_000 }, () => {
    // The first scan fills the cache; the other formats reuse it.
    for (const format of ['json', 'pretty', 'sarif', 'markdown']) run('scan', '.', '--format', format, '--no-progress');
    run('scan', '.', '--format', 'json', '--no-progress', '--provider', 'qianfan');
    run('migrate', '.', '--dry-run', '--provider', 'zhipu', '--format', 'json', '--no-progress');
    run('migrate', '.', '--dry-run', '--provider', 'qianfan', '--no-progress');
    for (const format of ['sarif', 'pretty']) run('check', '.', '--provider', 'deepseek', '--format', format, '--no-progress');
    // Named explicitly: the FIFO, the folder named x.ts, a symlink out of the tree, a name with a newline.
    run('scan', 'pipe.ts', '--format', 'json');
    run('scan', 'x.ts', '--format', 'json');
    run('scan', 'names/new\nline.ts', '--format', 'json');
    for (const r of runs) {
      const what = `${r.args.join(' ')} (${r.ms} ms): ${r.stderr.slice(0, 400)}`;
      expect(r.signal, what).toBeNull();
      expect([0, 1], what).toContain(r.code);
      expect(r.stderr, what).not.toContain('internal error');
    }
    const json = JSON.parse(runs[0]!.stdout);
    JSON.parse(runs[2]!.stdout); // SARIF stays valid JSON
    JSON.parse(runs[5]!.stdout);
    JSON.parse(runs[7]!.stdout); // check --format sarif
    // The odd names are scanned and reported under their own names.
    const files = new Set<string>(json.sites.map((s: { file: string }) => s.file));
    for (const name of ['names/with space.ts', "names/quote'\"s.ts", 'names/new\nline.ts', 'names/中文 文件.ts', 'names/$(touch SENTINEL).ts', 'x.ts/inner.ts', 'syntax/forms.tsx', 'min/app.js']) {
      expect(files, name).toContain(name);
    }
    expect([...files].some((f) => f.startsWith('deep/tree/d/d/'))).toBe(true);
  });

  it('a reason for every file refused: too large, unparsable, not a regular file', () => {
    const json = JSON.parse(runs[0]!.stdout);
    const skipped = Object.fromEntries(json.skipped.map((s: { file: string; reason: string }) => [s.file, s.reason]));
    expect(skipped['big.js']).toMatch(/larger than/);
    expect(skipped['syntax/broken.ts']).toMatch(/\S/);
    expect(skipped['pipe.ts']).toMatch(/not a regular file/);
    for (const reason of Object.values(skipped)) expect(reason).toMatch(/\S/);
    const migrate = JSON.parse(runs[5]!.stdout);
    const refused = migrate.files.filter((f: { status: string }) => f.status === 'skipped' || f.status === 'error');
    for (const f of refused) expect(f.reason, f.file).toMatch(/\S/);
    // Binary bytes are never rewritten, whatever the verdict on them.
    const blob = migrate.files.find((f: { file: string }) => f.file === 'blob.js');
    expect(blob?.status ?? 'unchanged').not.toBe('changed');
    // Non-UTF-8 text and binary bytes: skipped, never parsed or rewritten, with the likely encoding named.
    for (const file of ['enc-gbk.js', 'enc-latin1.js', 'enc-utf16.ts', 'blob.js']) {
      expect(skipped[file], file).toMatch(/not valid UTF-8 \(likely [^)]+\)/);
    }
  });

  it('nothing outside the tree is read, nothing is executed, nothing is written', () => {
    expect(existsSync(path.join(dir, SENTINEL))).toBe(false);
    expect(existsSync(path.join(dir, 'SENTINEL'))).toBe(false);
    expect(existsSync(path.join(outside, SENTINEL))).toBe(false);
    expect(readdirSync(dir).filter((n) => /qianyi|\.tmp$/.test(n))).toEqual([]);
    for (const r of runs) expect(r.stdout + r.stderr).not.toContain('secret.ts');
  });

  it('no planted key in any output or in the scan cache', () => {
    const cacheFiles = readdirSync(path.join(cacheHome, 'qianyi')).map((f) => readFileSync(path.join(cacheHome, 'qianyi', f), 'utf8'));
    expect(cacheFiles.length).toBeGreaterThan(0);
    const outputs = [...runs.flatMap((r) => [r.stdout, r.stderr]), ...cacheFiles];
    for (const [format, key] of Object.entries(K)) {
      for (const part of [key, ...key.split(/[./]/).filter((p) => p.length >= 12)]) {
        const leak = outputs.findIndex((o) => o.includes(part));
        expect(leak, `${format} key part ${part} in output ${leak}`).toBe(-1);
      }
    }
  });
});
