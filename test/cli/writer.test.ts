import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { qianyi, REPO } from '../helpers/exec.js';
import { fixtureRepo, gitInit } from '../helpers/git.js';
import { KEY, Terminal } from '../helpers/pty.js';
import { removeDir, testdir } from '../helpers/testdir.js';
import { snapshot } from '../helpers/tree.js';

/**
 * The one writer, all or nothing: every refusal leaves every byte and mode of the tree as it was, exits 2
 * and says why on one line naming the file.
 */
const APP = path.join(REPO, 'fixtures/migrate/app/input');
const temps: string[] = [];
afterAll(() => temps.forEach(removeDir));
const repo = (): string => fixtureRepo(APP, temps);

/** "中文注释" (a Chinese comment) in GBK, inside a file that uses OpenAI. */
const GBK_FILE = Buffer.concat([
  Buffer.from("import OpenAI from 'openai';\n// "),
  Buffer.from([0xd6, 0xd0, 0xce, 0xc4, 0xd7, 0xa2, 0xca, 0xcd]),
  Buffer.from("\nconst client = new OpenAI();\nexport const r = client.chat.completions.create({ model: 'gpt-4o', messages: [] });\n"),
]);

/** Runs `migrate --yes` and expects a refusal: exit 2, nothing on stdout, one line on stderr, the tree as it was. */
function expectRefused(dir: string, line: string, args: string[] = []): void {
  const before = snapshot(dir);
  const { stdout, stderr, code } = qianyi(['migrate', dir, '--provider', 'zhipu', '--yes', ...args]);
  expect(code).toBe(2);
  expect(stderr).toBe(`qianyi: ${line}\n`);
  expect(stdout).toBe('');
  expect(snapshot(dir)).toEqual(before);
}

describe('qianyi migrate: all or nothing', () => {
  it('a read-only file: nothing written, exit 2, one line naming it', () => {
    const dir = repo();
    const target = path.join(dir, 'src/services/search.ts');
    chmodSync(target, 0o444);
    expectRefused(dir, 'src/services/search.ts: the file is read-only; nothing was written');
    chmodSync(target, 0o644);
  });

  it('a file edited between the plan and the write: nothing written, exit 2, one line naming it', async () => {
    const dir = repo();
    const target = path.join(dir, 'src/services/chat.ts');
    const term = new Terminal(['migrate', '.', '--provider', 'zhipu'], dir);
    const at = await term.waitFor('Write these changes to 6 files? (y/N)');
    // The user saves the file while the preview is on screen.
    writeFileSync(target, `${readFileSync(target, 'utf8')}// edited\n`);
    const before = snapshot(dir);
    term.type('y' + KEY.enter);
    await term.waitFor('qianyi: src/services/chat.ts: changed since it was planned; nothing was written', at);
    expect(await term.exited).toBe(2);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a GBK file: listed as skipped by check, and migrate writes nothing, exit 2, one line naming it', () => {
    const dir = repo();
    writeFileSync(path.join(dir, 'src/legacy.ts'), GBK_FILE);
    gitInit(dir);
    const check = JSON.parse(qianyi(['check', dir, '--provider', 'zhipu', '--format', 'json']).stdout);
    expect(check.files.find((f: { file: string }) => f.file === 'src/legacy.ts')).toEqual({
      file: 'src/legacy.ts', status: 'skipped', edits: [],
      reason: 'not valid UTF-8 (likely GBK/GB18030): left as it is; convert it to UTF-8 to migrate it',
    });
    expectRefused(dir, 'src/legacy.ts: not valid UTF-8 (likely GBK/GB18030), convert it to UTF-8 or --exclude it; nothing was written');
    // Excluded, the rest migrates and the GBK bytes stay as they are.
    expect(qianyi(['migrate', dir, '--provider', 'zhipu', '--yes', '--exclude', 'src/legacy.ts']).code).toBe(0);
    expect(readFileSync(path.join(dir, 'src/legacy.ts'))).toEqual(GBK_FILE);
  });

  it('names the likely encoding of latin1 and UTF-16 files', () => {
    const dir = testdir({});
    temps.push(dir);
    const code = "import OpenAI from 'openai';\nexport const c = new OpenAI(); // café\n";
    writeFileSync(path.join(dir, 'latin1.ts'), Buffer.from(code, 'latin1'));
    writeFileSync(path.join(dir, 'utf16.ts'), Buffer.from(code, 'utf16le'));
    writeFileSync(path.join(dir, 'utf16bom.ts'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(code, 'utf16le')]));
    const doc = JSON.parse(qianyi(['check', dir, '--provider', 'zhipu', '--format', 'json']).stdout);
    const reasons = Object.fromEntries(doc.files.map((f: { file: string; reason: string }) => [f.file, f.reason]));
    expect(reasons).toEqual({
      'latin1.ts': expect.stringContaining('likely Latin-1/Windows-1252'),
      'utf16.ts': expect.stringContaining('likely UTF-16LE)'),
      'utf16bom.ts': expect.stringContaining('likely UTF-16LE with BOM'),
    });
  });

  it('a dirty second path: nothing written in either, exit 2, the message names that path', () => {
    const parent = testdir({});
    temps.push(parent);
    for (const name of ['one', 'two']) {
      mkdirSync(path.join(parent, name));
      for (const [rel, text] of Object.entries({ 'a.ts': "import OpenAI from 'openai';\nexport const c = new OpenAI();\n" })) writeFileSync(path.join(parent, name, rel), text);
      gitInit(path.join(parent, name));
    }
    writeFileSync(path.join(parent, 'two', 'wip.ts'), 'export const wip = 1;\n');
    const before = snapshot(parent);
    const { stderr, code } = qianyi(['migrate', 'one', 'two', '--provider', 'zhipu', '--yes'], { cwd: parent });
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe('qianyi: the git working tree of two has uncommitted changes (1 file, e.g. wip.ts)');
    expect(snapshot(parent)).toEqual(before);
  });

  it('only .env files under the named paths, and not gitignored ones, get the key', () => {
    const dir = testdir({
      'app/src/a.ts': "import OpenAI from 'openai';\nexport const c = new OpenAI();\n",
      'app/.env.example': 'OPENAI_API_KEY=\n',
      'app/.env': 'OPENAI_API_KEY=sk-local\n',
      'app/.gitignore': '.env\n',
      'other/.env.example': 'OPENAI_API_KEY=\n',
    });
    temps.push(dir);
    gitInit(dir);
    const doc = JSON.parse(qianyi(['migrate', 'app', '--provider', 'zhipu', '--yes', '--format', 'json'], { cwd: dir }).stdout);
    expect(doc.files.filter((f: { status: string }) => f.status === 'changed').map((f: { file: string }) => f.file)).toEqual(['.env.example', 'src/a.ts']);
    expect(readFileSync(path.join(dir, 'app/.env.example'), 'utf8')).toBe('OPENAI_API_KEY=\nZHIPUAI_API_KEY=\n');
    expect(readFileSync(path.join(dir, 'app/.env'), 'utf8')).toBe('OPENAI_API_KEY=sk-local\n');
    expect(readFileSync(path.join(dir, 'other/.env.example'), 'utf8')).toBe('OPENAI_API_KEY=\n');
    // --exclude applies to .env files as to code.
    const excluded = repo();
    expect(qianyi(['migrate', excluded, '--provider', 'zhipu', '--yes', '--exclude', '.env.example']).code).toBe(0);
    expect(readFileSync(path.join(excluded, '.env.example'), 'utf8')).toBe(readFileSync(path.join(APP, '.env.example'), 'utf8'));
  });

  it('refuses a second run while one holds the lock, and removes what a killed run left', () => {
    const dir = repo();
    mkdirSync(path.join(dir, '.qianyi'), { recursive: true });
    writeFileSync(path.join(dir, '.qianyi/lock'), `${process.pid}\n`); // this test process is alive
    expectRefused(dir, `another qianyi run (pid ${process.pid}) is running on ${dir}: wait for it to end, then run again`);
    // A dead process's lock and its temporary files: taken over and removed.
    writeFileSync(path.join(dir, '.qianyi/lock'), '999999\n');
    writeFileSync(path.join(dir, 'src/services/.chat.ts.qianyi-20261201T000000Z-999999.tmp'), 'half');
    writeFileSync(path.join(dir, 'src/services/.chat.ts.qianyi-4242.tmp'), 'half'); // the old writer's name
    const run = qianyi(['migrate', dir, '--provider', 'zhipu', '--yes', '--force']);
    expect(run.code).toBe(0);
    expect(readdirSync(path.join(dir, 'src/services')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(path.join(dir, '.qianyi/lock'))).toBe(false);
    // .qianyi/ is kept out of git status through .git/info/exclude, never the user's .gitignore.
    expect(readFileSync(path.join(dir, '.git/info/exclude'), 'utf8')).toContain('/.qianyi/\n');
    expect(existsSync(path.join(dir, '.gitignore'))).toBe(false);
  });

  it('keeps the mode of the files it rewrites', () => {
    const dir = repo();
    chmodSync(path.join(dir, 'src/services/chat.ts'), 0o755);
    gitInit(dir);
    expect(qianyi(['migrate', dir, '--provider', 'zhipu', '--yes']).code).toBe(0);
    expect(statSync(path.join(dir, 'src/services/chat.ts')).mode & 0o7777).toBe(0o755);
  });
});
