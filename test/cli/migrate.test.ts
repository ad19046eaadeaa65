import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { qianyi, REPO } from '../helpers/exec.js';
import { fixtureRepo, gitInit } from '../helpers/git.js';
import { removeDir, testdir } from '../helpers/testdir.js';
import { readTree } from '../helpers/tree.js';

const APP = path.join(REPO, 'fixtures/migrate/app/input');
const temps: string[] = [];
afterAll(() => temps.forEach(removeDir));

/** A git repository holding a copy of the fixture app. */
const repo = (): string => fixtureRepo(APP, temps);

describe('qianyi migrate (CLI)', () => {
  it('applies with --yes, matches the golden output, and a second run changes nothing', () => {
    const dir = repo();
    const first = qianyi(['migrate', dir, '--provider', 'zhipu', '--yes']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('6 files changed, 0 unchanged, 0 skipped, 0 failed;');
    expect(readTree(dir)).toMatchObject(readTree(path.join(REPO, 'fixtures/migrate/app/expected/zhipu')));
    const after = readTree(dir);
    const second = qianyi(['migrate', dir, '--provider', 'zhipu', '--yes', '--force']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('0 files changed');
    expect(readTree(dir)).toEqual(after);
  });

  it('previews with --dry-run: a unified diff on stdout, nothing written', () => {
    const dir = repo();
    const before = readTree(dir);
    const { stdout, code } = qianyi(['migrate', dir, '--provider', 'deepseek', '--dry-run']);
    expect(code).toBe(0);
    expect(stdout).toContain('--- a/src/lib/openai.ts\n+++ b/src/lib/openai.ts\n');
    expect(stdout).toContain("+  baseURL: process.env.DEEPSEEK_BASE_URL ?? 'https://api.deepseek.com',");
    expect(stdout).toContain('Dry run: nothing was written.');
    expect(readTree(dir)).toEqual(before);
  });

  it('prints the JSON contract with --format json', () => {
    const dir = repo();
    const { stdout, code } = qianyi(['migrate', dir, '--provider', 'deepseek', '--yes', '--format', 'json']);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc).toMatchObject({ tool: 'qianyi', command: 'migrate', provider: 'deepseek', region: expect.any(String), dryRun: false });
    expect(doc.files.find((f: { file: string }) => f.file === 'src/services/search.ts')).toMatchObject({ status: 'changed' });
    expect(doc.files.every((f: { status: string; edits: unknown[] }) => ['changed', 'unchanged', 'skipped', 'error'].includes(f.status) && Array.isArray(f.edits))).toBe(true);
    expect(doc.manual).toEqual([
      { file: 'src/services/search.ts', line: 5, column: 21, api: 'embeddings.create', reason: 'DeepSeek does not offer the embeddings endpoint: move embeddings.create to another service or remove it' },
      // A model-level adaptation: deepseek-flash thinks by default, so the forced tool_choice became auto.
      { file: 'src/services/tools.ts', line: 16, column: 21, api: 'chat.completions.create', reason: 'DeepSeek\'s deepseek-flash thinks by default and then takes tool_choice none, auto only: "required" became "auto", so the model may answer without calling a tool' },
    ]);
    expect(doc.summary).toMatchObject({ changed: 6, manual: 2, errors: 0 });
  });

  it('refuses a dirty tree unless --force, with one clear message and exit 2', () => {
    const dir = repo();
    writeFileSync(path.join(dir, 'src/scratch.ts'), 'export const wip = 1;\n');
    const before = readTree(dir);
    const refused = qianyi(['migrate', dir, '--provider', 'zhipu', '--yes']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^qianyi: the git working tree has uncommitted changes \(1 file, e\.g\. src\/scratch\.ts\)\n/);
    expect(readTree(dir)).toEqual(before);
    expect(qianyi(['migrate', dir, '--provider', 'zhipu', '--yes', '--force']).code).toBe(0);
  });

  it('needs --yes (or --dry-run) and a provider when there is no terminal to ask on', () => {
    const dir = repo();
    const noYes = qianyi(['migrate', dir, '--provider', 'zhipu']);
    expect(noYes.code).toBe(2);
    expect(noYes.stderr).toBe('qianyi: migrate writes files: pass --yes to apply without a prompt, or --dry-run to preview\n');
    const noProvider = qianyi(['migrate', dir, '--yes']);
    expect(noProvider.code).toBe(2);
    expect(noProvider.stderr).toMatch(/^qianyi: no provider chosen\npass --provider <id> \(one of: baichuan, /);
  });

  it('rejects an unknown provider, region or --model with exit 2 and no change', () => {
    const dir = repo();
    const before = readTree(dir);
    expect(qianyi(['migrate', dir, '--provider', 'openrouter', '--yes']).stderr).toMatch(/^qianyi: unknown provider "openrouter"\nvalid providers: /);
    const region = qianyi(['migrate', dir, '--provider', 'zhipu', '--region', 'mars', '--yes']);
    expect(region.code).toBe(2);
    expect(region.stderr).toBe('qianyi: provider zhipu has no region "mars"\nregions: cn, intl\n');
    expect(qianyi(['migrate', dir, '--provider', 'zhipu', '--model', 'gpt-4o', '--yes']).stderr).toContain('--model takes FROM=TO');
    expect(readTree(dir)).toEqual(before);
  });

  it('skips a file that does not parse, reports it, and migrates the rest', () => {
    const dir = repo();
    writeFileSync(path.join(dir, 'src/broken.ts'), "import OpenAI from 'openai';\nconst c = new OpenAI(;\n");
    gitInit(dir); // commit the broken file so the tree is clean
    const { stdout, code } = qianyi(['migrate', dir, '--provider', 'zhipu', '--yes']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/skipped +src\/broken\.ts {2}syntax error at 2:22/);
    expect(readFileSync(path.join(dir, 'src/broken.ts'), 'utf8')).toBe("import OpenAI from 'openai';\nconst c = new OpenAI(;\n");
    expect(readFileSync(path.join(dir, 'src/lib/openai.ts'), 'utf8')).toContain('ZHIPUAI_API_KEY');
  });
});

describe('qianyi migrate: config files follow the code', () => {
  it('leaves .env files alone when no code moves to the provider (eval/real vercel-ai-chatbot)', () => {
    const dir = testdir({
      '.env.example': 'OPENAI_API_KEY=\n',
      // A client of another host: nothing in this project reads the provider's key after the run.
      'src/groq.ts': "import OpenAI from 'openai';\nexport const c = new OpenAI({ baseURL: 'https://api.groq.com/openai/v1', apiKey: process.env.OPENAI_API_KEY });\n",
    });
    temps.push(dir);
    gitInit(dir);
    const { code } = qianyi(['migrate', dir, '--provider', 'deepseek', '--yes']);
    expect(code).toBe(0);
    expect(readFileSync(path.join(dir, '.env.example'), 'utf8')).toBe('OPENAI_API_KEY=\n');
    writeFileSync(path.join(dir, 'src/chat.ts'), "import OpenAI from 'openai';\nexport const d = new OpenAI();\n");
    gitInit(dir);
    expect(qianyi(['migrate', dir, '--provider', 'deepseek', '--yes']).code).toBe(0);
    expect(readFileSync(path.join(dir, '.env.example'), 'utf8')).toBe('OPENAI_API_KEY=\nDEEPSEEK_API_KEY=\n');
  });
});

describe('qianyi migrate, then scan', () => {
  it('leaves nothing blocked for the provider once migrated (a forced tool_choice became auto)', () => {
    const dir = repo();
    const before = JSON.parse(qianyi(['scan', dir, '--provider', 'zhipu', '--format', 'json', '--no-cache']).stdout);
    const forced = before.sites.find((s: { toolChoice?: string }) => s.toolChoice === 'required');
    expect(forced.verdicts.zhipu.status).toBe('blocked');
    qianyi(['migrate', dir, '--provider', 'zhipu', '--yes']);
    const after = JSON.parse(qianyi(['scan', dir, '--provider', 'zhipu', '--format', 'json', '--no-cache']).stdout);
    expect(after.sites.find((s: { line: number; file: string }) => s.file === forced.file && s.line === forced.line + 1).toolChoice).toBe('auto');
    expect(after.providers[0]).toMatchObject({ id: 'zhipu', blocked: 0 });
  });
});
