/**
 * Hostile values from flags, config files and templates (issue 10): each is refused with exit 2 naming the
 * file, field and rule, or written inert — and the migrated app, run with a stand-in openai package, never
 * executes the payload (it would create a sentinel file) and sends exactly the values it was given.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { qianyi, REPO } from '../helpers/exec.js';
import { gitInit } from '../helpers/git.js';
import { removeDir, testdir } from '../helpers/testdir.js';
import { ts } from '../../src/analysis/typescript/parse.js';

const temps: string[] = [];
afterAll(() => temps.forEach(removeDir));

/** Runs `touch <sentinel>` when evaluated as code: whatever ends up executing it leaves the file behind. */
const PAYLOAD = "require('fs').writeFileSync('SENTINEL','pwned')";

/** A stand-in for the openai package: records the client options and the request instead of calling out. */
const FAKE_OPENAI = `
class OpenAI {
  constructor(options) {
    this.chat = { completions: { create: async (request) => {
      require('fs').writeFileSync(process.env.QIANYI_RECORD, JSON.stringify({ options, request }));
      return { choices: [] };
    } } };
  }
}
module.exports = OpenAI; module.exports.default = OpenAI; module.exports.OpenAI = OpenAI;
`;

const APP = {
  'node_modules/openai/package.json': '{ "name": "openai", "version": "6.0.0", "main": "index.js" }',
  'node_modules/openai/index.js': FAKE_OPENAI,
  'package.json': '{ "name": "victim", "private": true }',
  '.gitignore': 'node_modules\n',
  'src/app.mjs': [
    "import OpenAI from 'openai';",
    '',
    'const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });',
    "await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], temperature: 1.5 });",
    '',
  ].join('\n'),
  'src/double.mjs': [
    'import OpenAI from "openai";',
    '',
    'const other = new OpenAI();',
    'export const pick = () => other.chat.completions.create({ model: `gpt-4o-mini`, messages: [] });',
    '',
  ].join('\n'),
};

/** A user template (a company gateway) with one field swapped for a hostile value. */
function gatewayTemplate(patch: (yaml: string) => string): string {
  const skeleton = readFileSync(path.join(REPO, 'templates/_template/template.yaml'), 'utf8');
  return patch(skeleton);
}

function repo(extra: Record<string, string> = {}): string {
  const dir = testdir({ ...APP, ...extra });
  temps.push(dir);
  gitInit(dir);
  return dir;
}

/** Runs the migrated app; returns what it sent. Fails the test when the payload ran. */
function runApp(dir: string): { options: Record<string, unknown>; request: Record<string, unknown> } {
  const record = path.join(dir, 'record.json');
  const env = { ...process.env, QIANYI_RECORD: record, GATEWAY_API_KEY: 'test-key', ZHIPUAI_API_KEY: 'test-key' };
  const run = spawnSync(process.execPath, ['src/app.mjs'], { cwd: dir, env, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(existsSync(path.join(dir, 'SENTINEL'))).toBe(false);
  return JSON.parse(readFileSync(record, 'utf8'));
}

function parses(file: string): void {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  expect((sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics).toEqual([]);
}

/** Asserts a refused run: exit 2, one line naming where the value came from and the rule, nothing written, no payload echoed. */
function refused(dir: string, args: string[], ...mentions: string[]): void {
  const before = readFileSync(path.join(dir, 'src/app.mjs'), 'utf8');
  const result = qianyi(['migrate', dir, '--yes', ...args], { cwd: dir });
  expect(result.code).toBe(2);
  const message = result.stderr.split('\n').find((l) => l.startsWith('qianyi: ') && !l.startsWith('qianyi: using')) ?? '';
  for (const m of mentions) expect(message).toContain(m);
  expect(result.stderr).not.toContain('writeFileSync');
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(readFileSync(path.join(dir, 'src/app.mjs'), 'utf8')).toBe(before);
  expect(existsSync(path.join(dir, 'SENTINEL'))).toBe(false);
}

describe('injection: values from flags, config and templates are refused or written inert', () => {
  it('1-3. --model targets that would close the string are refused (single, double, backtick quotes)', () => {
    const dir = repo();
    refused(dir, ['--provider', 'zhipu', '--model', `gpt-4o=m'+${PAYLOAD}+'`], '--model "gpt-4o"', 'must be a model id');
    refused(dir, ['--provider', 'zhipu', '--model', `gpt-4o=m"+${PAYLOAD}+"`], 'must be a model id');
    refused(dir, ['--provider', 'zhipu', '--model', 'gpt-4o=${' + PAYLOAD + '}'], 'must be a model id');
  });

  it('4. a --model target shaped like an API key is refused, so no key is copied into code', () => {
    const dir = repo();
    refused(dir, ['--provider', 'zhipu', '--model', 'gpt-4o=sk-proj-Abc123Def456Ghi789Jkl012Mno345'], 'looks like an API key');
  });

  it('5. a config model map holding a quote is refused, naming the file and the field', () => {
    const dir = repo({ 'qianyi.config.json': JSON.stringify({ provider: 'zhipu', models: { 'gpt-4o': `glm'+${PAYLOAD}+'` } }) });
    refused(dir, [], 'qianyi.config.json', 'models."gpt-4o"', 'must be a model id');
  });

  it('6. a config provider holding a newline is refused', () => {
    const dir = repo({ 'qianyi.config.json': JSON.stringify({ provider: `zhipu\n${PAYLOAD}` }) });
    refused(dir, [], 'qianyi.config.json', 'provider', 'must be lower-case letters');
  });

  it('7-8. a template baseURL holding a quote or ${…} is refused', () => {
    const quote = repo({ 'gw.yaml': gatewayTemplate((y) => y.replace('https://gateway.example.com/v1', JSON.stringify(`https://gw.example.com/v1'+${PAYLOAD}+'`))) });
    refused(quote, ['--template', 'gw.yaml', '--provider', 'gateway'], 'gw.yaml', 'regions.main.baseURL');
    const subst = repo({ 'gw.yaml': gatewayTemplate((y) => y.replace('https://gateway.example.com/v1', JSON.stringify('https://gw.example.com/${process.exit(1)}'))) });
    refused(subst, ['--template', 'gw.yaml', '--provider', 'gateway'], 'regions.main.baseURL');
  });

  it('9. a template model map value holding a quote is refused', () => {
    const dir = repo({ 'gw.yaml': gatewayTemplate((y) => y.replace(/^(\s+)gpt-4o: (.*)$/m, `$1gpt-4o: ${JSON.stringify(`m'+${PAYLOAD}+'`)}`)) });
    refused(dir, ['--template', 'gw.yaml', '--provider', 'gateway'], 'gw.yaml', 'models.map.gpt-4o', 'must be a model id');
  });

  it('10. a template provider name holding a newline (which would end the // note) is refused', () => {
    const dir = repo({ 'gw.yaml': gatewayTemplate((y) => y.replace(/^  en: .*$/m, `  en: ${JSON.stringify(`Gateway\n${PAYLOAD}`)}`)) });
    refused(dir, ['--template', 'gw.yaml', '--provider', 'gateway'], 'gw.yaml', 'name.en', 'one line');
  });

  it('11. a template field rename that is not a field name is refused', () => {
    const dir = repo({ 'gw.yaml': gatewayTemplate((y) => y.replace(/^    user: .*$/m, `    user: { support: renamed, to: ${JSON.stringify(`x: ${PAYLOAD}, y`)}, note: renamed }`)) });
    refused(dir, ['--template', 'gw.yaml', '--provider', 'gateway'], 'gw.yaml', 'params.fields.user.to', 'request field name');
  });

  it('12. a note that holds U+2028 (a line terminator in JavaScript) and a comment end is written inert', () => {
    const note = `routed through the gateway\u2028${PAYLOAD} */ ${PAYLOAD}`;
    const dir = repo({
      'gw.yaml': gatewayTemplate((y) => y.replace(/^(\s+)chat: \{ support: yes.*$/m, `$1chat: { support: partial, note: ${JSON.stringify(note)}, sources: [S1] }`)),
    });
    const result = qianyi(['migrate', dir, '--yes', '--template', 'gw.yaml', '--provider', 'gateway', '--model', 'gpt-4o=gw/Model-1:8b'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`qianyi: using user template my-gateway from ${path.join(dir, 'gw.yaml')}`);
    const app = readFileSync(path.join(dir, 'src/app.mjs'), 'utf8');
    const notes = app.split('\n').filter((l) => l.startsWith('// qianyi:'));
    expect(notes.length).toBeGreaterThan(0);
    expect(app).not.toContain('\u2028');
    for (const file of ['src/app.mjs', 'src/double.mjs']) parses(path.join(dir, file));
    const sent = runApp(dir);
    expect(sent.options).toEqual({ apiKey: 'test-key', baseURL: 'https://gateway.example.com/v1' });
    expect(sent.request.model).toBe('gw/Model-1:8b');
  });

  it('a clean migration still runs: the stand-in SDK receives the provider URL and model', () => {
    const dir = repo();
    expect(qianyi(['migrate', dir, '--yes', '--provider', 'zhipu']).code).toBe(0);
    for (const file of ['src/app.mjs', 'src/double.mjs']) parses(path.join(dir, file));
    const sent = runApp(dir);
    expect(sent.options).toEqual({ apiKey: 'test-key', baseURL: 'https://open.bigmodel.cn/api/paas/v4' });
    expect(sent.request).toMatchObject({ model: 'glm-4.6v', temperature: 1 });
  });
});

describe('hijack: config and templates come from the repository or the command line only', () => {
  const evilZhipu = () => gatewayTemplate((y) => y
    .replace(/^id: .*$/m, 'id: zhipu')
    .replace('https://gateway.example.com/v1', 'https://open.bigmodel.cn.attacker.example/v4'));

  it('a config two folders above the repository is never read', () => {
    const outer = testdir({ 'qianyi.config.json': JSON.stringify({ provider: 'zhipu', templates: ['evil.yaml'], override: ['zhipu'] }), 'evil.yaml': evilZhipu() });
    temps.push(outer);
    const dir = path.join(outer, 'ci', 'repo');
    mkdirSync(dir, { recursive: true });
    for (const [rel, text] of Object.entries(APP)) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    }
    gitInit(dir);
    const result = qianyi(['migrate', dir, '--provider', 'zhipu', '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('qianyi.config.json');
    expect(result.stdout).toContain('https://open.bigmodel.cn/api/paas/v4');
    expect(result.stdout).not.toContain('attacker');
    // Outside git the scanned folder is the boundary: the same config above it is not read either.
    const loose = path.join(outer, 'loose');
    mkdirSync(path.join(loose, 'src'), { recursive: true });
    writeFileSync(path.join(loose, 'src/app.mjs'), APP['src/app.mjs']);
    const scan = qianyi(['scan', loose, '--format', 'json']);
    expect(scan.stderr).toBe('');
    // Named explicitly, it is read, and named on stderr.
    const explicit = qianyi(['migrate', dir, '--dry-run', '--config', path.join(outer, 'qianyi.config.json')]);
    expect(explicit.stderr).toContain(`qianyi: using config ${path.join(outer, 'qianyi.config.json')}`);
    expect(explicit.stderr).toContain('qianyi: using user template zhipu from');
    expect(explicit.stderr).toContain('(replaces the built-in zhipu)');
  });

  it('a user template with a built-in id or alias is refused unless the config says override', () => {
    const dir = repo({ 'evil.yaml': evilZhipu(), 'alias.yaml': gatewayTemplate((y) => y.replace(/^aliases: .*$/m, 'aliases: [glm]')) });
    refused(dir, ['--template', 'evil.yaml', '--provider', 'zhipu'], 'evil.yaml', 'built-in provider zhipu', '"override": ["zhipu"]');
    refused(dir, ['--template', 'alias.yaml', '--provider', 'my-gateway'], 'alias.yaml', '"glm"', 'built-in provider zhipu');
    writeFileSync(path.join(dir, 'qianyi.config.json'), JSON.stringify({ override: ['zhipu'] }));
    const allowed = qianyi(['migrate', dir, '--dry-run', '--force', '--template', 'evil.yaml', '--provider', 'zhipu'], { cwd: dir });
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toContain(`qianyi: using config ${path.join(dir, 'qianyi.config.json')}`);
    expect(allowed.stderr).toContain('qianyi: using user template zhipu from');
  });

  it('a config in the repository may not name a template outside it', () => {
    const outside = testdir({ 'gw.yaml': gatewayTemplate((y) => y) });
    temps.push(outside);
    const dir = repo();
    writeFileSync(path.join(dir, 'qianyi.config.json'), JSON.stringify({ templates: [path.relative(dir, path.join(outside, 'gw.yaml'))] }));
    refused(dir, ['--provider', 'zhipu', '--force'], 'qianyi.config.json', 'templates', 'outside the repository');
  });

  it("the config's region applies only to its own provider", () => {
    const dir = repo({ 'qianyi.config.json': JSON.stringify({ provider: 'zhipu', region: 'intl' }) });
    const own = qianyi(['migrate', dir, '--dry-run']);
    expect(own.stdout).toContain('https://api.z.ai/api/paas/v4');
    const other = qianyi(['migrate', dir, '--dry-run', '--provider', 'moonshot']);
    expect(other.code).toBe(0);
    expect(other.stdout).toContain('https://api.moonshot.cn/v1');
  });

  it("the config's include/exclude are relative to the config file and apply to scan", () => {
    const dir = repo({
      'qianyi.config.json': JSON.stringify({ exclude: ['packages/web/legacy/**'] }),
      'packages/web/legacy/old.mjs': APP['src/app.mjs'],
      'packages/web/new.mjs': APP['src/app.mjs'],
    });
    const scan = qianyi(['scan', path.join(dir, 'packages/web'), '--format', 'json']);
    expect(scan.code).toBe(0);
    const files = new Set(JSON.parse(scan.stdout).sites.map((s: { file: string }) => s.file));
    expect([...files]).toEqual(['new.mjs']);
    expect(scan.stderr).toContain(`qianyi: using config ${path.join(dir, 'qianyi.config.json')}`);
  });
});
