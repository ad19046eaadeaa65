import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { qianyi, REPO } from '../helpers/exec.js';
import { fixtureRepo, gitInit } from '../helpers/git.js';
import { removeDir } from '../helpers/testdir.js';
import { readTree } from '../helpers/tree.js';

const APP = path.join(REPO, 'fixtures/migrate/app/input');
const temps: string[] = [];
afterAll(() => temps.forEach(removeDir));

/** A git repository holding a copy of the fixture app. */
const repo = (): string => fixtureRepo(APP, temps);

/** A git repository with the fixture app in packages/app (a monorepo). */
function monorepo(): { top: string; app: string } {
  const top = mkdtempSync(path.join(tmpdir(), 'qianyi-mono-'));
  temps.push(top);
  const app = path.join(top, 'packages/app');
  mkdirSync(path.dirname(app), { recursive: true });
  cpSync(APP, app, { recursive: true });
  writeFileSync(path.join(top, 'package.json'), '{ "private": true, "workspaces": ["packages/*"] }\n');
  gitInit(top);
  return { top, app };
}

function commit(dir: string, message: string): void {
  for (const args of [['add', '-A'], ['-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', message]]) {
    const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
  }
}

/** Rewrites every file under `dir/src` with `edit`. */
function editSources(dir: string, edit: (text: string) => string): void {
  for (const [rel, text] of Object.entries(readTree(path.join(dir, 'src')))) writeFileSync(path.join(dir, 'src', rel), edit(text));
}

const lastLine = (text: string) => text.trimEnd().split('\n').pop();

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function readmeAnchors(): Set<string> {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  return new Set([...readme.matchAll(/^#{1,6} (.+)$/gm)].map((m) => m[1]!.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-')));
}

describe('qianyi check (CLI)', () => {
  it('lists each pending site once and ends with the verdict; the diff only with --diff; 0 once migrated', () => {
    const dir = repo();
    const before = qianyi(['check', dir, '--provider', 'deepseek']);
    expect(before.code).toBe(1);
    expect(before.stdout).not.toContain('+++ b/');
    // .env.example would gain DEEPSEEK_API_KEY= next to OPENAI_API_KEY (line 2): pending as migrate would change it.
    expect(before.stdout).toMatch(/Pending \(9\)\n {2}\.env\.example:2:1 {2}env-file {2}migrate would change it: added DEEPSEEK_API_KEY= \(empty: fill in your DeepSeek key\)\n {2}src\/lib\/openai\.ts:4:23 {2}client {2}migrate would change it: client now calls DeepSeek/);
    expect(before.stdout).toContain('  src/services/search.ts:5:21  embeddings.create  DeepSeek does not offer the embeddings endpoint');
    expect(lastLine(before.stdout)).toBe('qianyi check: 9 pending, 0 acknowledged — failed');
    expect(qianyi(['check', dir, '--provider', 'deepseek', '--diff']).stdout).toContain('+++ b/src/services/tools.ts');

    qianyi(['migrate', dir, '--provider', 'deepseek', '--yes']);
    const after = qianyi(['check', dir, '--provider', 'deepseek']);
    expect(after.code).toBe(1);
    // The TODO(qianyi) the migration left and its site are one entry, at the site's line.
    expect(after.stdout).toMatch(/Pending \(1\)\n {2}src\/services\/search\.ts:6:21 {2}embeddings\.create {2}DeepSeek does not offer/);
    expect(lastLine(after.stdout)).toBe('qianyi check: 1 pending, 0 acknowledged — failed');
    const quiet = qianyi(['check', dir, '--provider', 'deepseek', '--quiet']);
    expect(quiet.stdout).toBe('qianyi check: 1 pending, 0 acknowledged — failed\n');
  });

  it('migrate, commit, delete every review note, commit: check passes and migrate adds no note again', () => {
    const dir = repo();
    expect(qianyi(['migrate', dir, '--provider', 'qianfan', '--yes']).code).toBe(0);
    commit(dir, 'migrate');
    expect(readTree(path.join(dir, 'src'))['services/chat.ts']).toContain('// qianyi: ');
    editSources(dir, (text) => text.split('\n').filter((l) => !l.trim().startsWith('// qianyi:')).join('\n'));
    commit(dir, 'notes read');
    const check = qianyi(['check', dir, '--provider', 'qianfan']);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('qianyi check: 0 pending, 0 acknowledged — passed');
    const tree = readTree(dir);
    expect(qianyi(['migrate', dir, '--provider', 'qianfan', '--yes']).stdout).toContain('0 files changed');
    expect(readTree(dir)).toEqual(tree);
  });

  it('replacing each TODO(qianyi) with qianyi-ignore: <reason> passes, listing them in every format; a bare one does not count', () => {
    const dir = repo();
    qianyi(['migrate', dir, '--provider', 'deepseek', '--yes']);
    commit(dir, 'migrate');
    editSources(dir, (text) => text.replace(/\/\/ TODO\(qianyi\): .*/g, '// qianyi-ignore'));
    const bare = qianyi(['check', dir, '--provider', 'deepseek']);
    expect(bare.code).toBe(1);
    expect(bare.stdout).toContain('(the qianyi-ignore above it has no reason, so it does not count)');
    editSources(dir, (text) => text.replace(/\/\/ qianyi-ignore$/gm, '// qianyi-ignore: search embeddings stay on OpenAI until the index moves'));
    const pretty = qianyi(['check', dir, '--provider', 'deepseek']);
    expect(pretty.code).toBe(0);
    expect(pretty.stdout).toMatch(/Acknowledged \(1\).*\n {2}src\/services\/search\.ts:6:21 {2}embeddings\.create {2}search embeddings stay on OpenAI until the index moves/);
    expect(lastLine(pretty.stdout)).toBe('qianyi check: 0 pending, 1 acknowledged — passed');
    const json = JSON.parse(qianyi(['check', dir, '--provider', 'deepseek', '--format', 'json']).stdout);
    expect(json.verdict).toBe('passed');
    expect(json.pending).toEqual([]);
    expect(json.acknowledged).toMatchObject([{ file: 'src/services/search.ts', line: 6, what: 'embeddings.create', reason: 'search embeddings stay on OpenAI until the index moves' }]);
    const sarif = JSON.parse(qianyi(['check', dir, '--provider', 'deepseek', '--format', 'sarif']).stdout);
    expect(sarif.runs[0].results).toMatchObject([{ ruleId: 'qianyi/acknowledged', suppressions: [{ kind: 'inSource', justification: 'search embeddings stay on OpenAI until the index moves' }] }]);
    const md = qianyi(['check', dir, '--provider', 'deepseek', '--format', 'markdown']).stdout;
    expect(md).toContain('| `src/services/search.ts:6` | embeddings.create | search embeddings stay on OpenAI until the index moves |');
    // migrate leaves an acknowledged site as it is.
    expect(qianyi(['migrate', dir, '--provider', 'deepseek', '--yes', '--force']).stdout).toContain('0 files changed');
  });

  it('counts a TODO(qianyi) no site accounts for until it goes, or a qianyi-ignore with a reason joins it', () => {
    const dir = repo();
    qianyi(['migrate', dir, '--provider', 'qianfan', '--yes']);
    const util = path.join(dir, 'src/util.ts');
    writeFileSync(util, 'export const retries = 3;\n// TODO(qianyi): check the retry budget of Baidu Qianfan\nexport const backoff = 2;\n');
    const open = qianyi(['check', dir, '--provider', 'qianfan']);
    expect(open.code).toBe(1);
    expect(open.stdout).toContain('  src/util.ts:2:4  TODO(qianyi)  open marker: TODO(qianyi): check the retry budget of Baidu Qianfan');
    writeFileSync(util, 'export const retries = 3;\n// TODO(qianyi): check the retry budget of Baidu Qianfan\n// qianyi-ignore: measured in load tests, fine\nexport const backoff = 2;\n');
    const acked = qianyi(['check', dir, '--provider', 'qianfan']);
    expect(acked.code).toBe(0);
    expect(acked.stdout).toContain('  src/util.ts:2:4  TODO(qianyi)  measured in load tests, fine');
  });

  it('a baseline accepts the pending sites of today and fails only on new ones, across line shifts', () => {
    const dir = repo();
    const file = path.join(dir, 'qianyi-baseline.json');
    const write = qianyi(['check', dir, '--provider', 'deepseek', '--write-baseline', file]);
    expect(write.code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).pending).toHaveLength(9);
    commit(dir, 'baseline');
    const same = qianyi(['check', dir, '--provider', 'deepseek', '--baseline', file]);
    expect(same.code).toBe(0);
    expect(lastLine(same.stdout)).toBe('qianyi check: 0 pending, 0 acknowledged, 9 in the baseline — passed');
    const search = path.join(dir, 'src/services/search.ts');
    const text = readFileSync(search, 'utf8');
    writeFileSync(search, `// moved down two lines\n\n${text}\nexport async function embedOne(input: string) {\n  return openai.embeddings.create({ model: 'text-embedding-3-small', input });\n}\n`);
    const grown = qianyi(['check', dir, '--provider', 'deepseek', '--baseline', file]);
    expect(grown.code).toBe(1);
    expect(grown.stdout).toMatch(/Pending \(1\)\n {2}src\/services\/search\.ts:12:10 {2}embeddings\.create/);
    expect(qianyi(['check', dir, '--provider', 'deepseek', '--baseline', path.join(dir, 'nope.json')]).stderr).toMatch(/^qianyi: --baseline .*nope\.json: no such file\n/);
  });

  it('for an app in packages/app: repository-relative SARIF and annotations, distinct fingerprints, help that resolves', () => {
    const { top, app } = monorepo();
    const anchors = readmeAnchors();
    const check = qianyi(['check', app, '--provider', 'deepseek', '--format', 'sarif'], { env: { GITHUB_ACTIONS: 'true' } });
    expect(check.code).toBe(1);
    const scan = qianyi(['scan', app, '--provider', 'deepseek', '--format', 'sarif', '--no-cache']);
    for (const [command, log] of [['check', JSON.parse(check.stdout)], ['scan', JSON.parse(scan.stdout)]] as const) {
      const run = log.runs[0];
      expect(run.automationDetails.id).toBe(`qianyi/${command}/`);
      expect(run.originalUriBaseIds.SRCROOT.uri).toBe(`${pathToFileURL(realpathSync(top)).href}/`);
      expect(run.results.length).toBeGreaterThan(0);
      for (const result of run.results) {
        expect(result.locations[0].physicalLocation.artifactLocation.uri).toMatch(/^packages\/app\/(src\/|\.env\.example$)/);
        expect(['error', 'warning']).toContain(result.level);
      }
      const prints = run.results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['qianyiSite/v1']);
      expect(new Set(prints).size).toBe(prints.length);
      for (const rule of run.tool.driver.rules) {
        expect(rule.help.text).toBeTruthy();
        const [, anchor] = /#(.+)$/.exec(rule.helpUri)!;
        expect(anchors, `${rule.id} → #${anchor}`).toContain(anchor);
      }
    }
    expect(check.stderr).toContain('::error file=packages/app/src/services/search.ts,line=5,col=21,title=qianyi%3A manual work::embeddings.create: DeepSeek does not offer');
  });

  it('writes -o files in the format of their extension, and explains a missing folder in one line', () => {
    const dir = repo();
    const out = path.join(dir, 'out');
    mkdirSync(out);
    const sarif = qianyi(['check', dir, '--provider', 'deepseek', '-o', path.join(out, 'qianyi.sarif')]);
    expect(sarif.code).toBe(1);
    expect(sarif.stdout).toBe('qianyi check: 9 pending, 0 acknowledged — failed\n');
    expect(JSON.parse(readFileSync(path.join(out, 'qianyi.sarif'), 'utf8')).version).toBe('2.1.0');
    qianyi(['check', dir, '--provider', 'deepseek', '-o', path.join(out, 'qianyi.md')]);
    expect(readFileSync(path.join(out, 'qianyi.md'), 'utf8')).toMatch(/^## qianyi check: 9 pending, 0 acknowledged — failed\n/);
    qianyi(['check', dir, '--provider', 'deepseek', '-o', path.join(out, 'qianyi.json')]);
    expect(JSON.parse(readFileSync(path.join(out, 'qianyi.json'), 'utf8')).pending).toHaveLength(9);
    for (const command of ['check', 'scan']) {
      const missing = qianyi([command, dir, '--provider', 'deepseek', '-o', path.join(dir, 'no/such/dir/x.sarif')]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/^qianyi: -o .*x\.sarif: the folder .*no\/such\/dir does not exist\n$/);
    }
    expect(existsSync(path.join(dir, 'no'))).toBe(false);
  });

  it('in GitHub Actions: appends the Markdown to the job summary and caps annotations at 10 per level, counting the rest', () => {
    const dir = repo();
    const calls = Array.from({ length: 12 }, (_, i) => `export const e${i} = () => openai.embeddings.create({ model: 'text-embedding-3-small', input: '${i}' });`);
    writeFileSync(path.join(dir, 'src/services/many.ts'), `import { openai } from '../lib/openai.js';\n${calls.join('\n')}\n`);
    const summary = path.join(dir, 'summary.md');
    writeFileSync(summary, '# earlier step\n');
    const run = qianyi(['check', dir, '--provider', 'deepseek'], { env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary } });
    expect(run.code).toBe(1);
    expect(run.stdout.match(/^::error /gm)).toHaveLength(10);
    // 7 code changes and .env.example's missing DEEPSEEK_API_KEY.
    expect(run.stdout.match(/^::warning /gm)).toHaveLength(8);
    const md = readFileSync(summary, 'utf8');
    expect(md).toMatch(/^# earlier step\n## qianyi check: 21 pending, 0 acknowledged — failed\n/);
    expect(md).toContain('| `src/services/many.ts:2` | **embeddings.create** | DeepSeek does not offer the embeddings endpoint');
    expect(md).toContain('GitHub shows 10 error and 10 warning annotations per step: 3 errors and 0 warnings are listed here only.');
  });

  it('reads the provider from qianyi.config.json, and needs one from somewhere', () => {
    const dir = repo();
    expect(qianyi(['check', dir]).stderr).toBe('qianyi: check needs a provider: pass --provider <id>\n');
    writeFileSync(path.join(dir, 'qianyi.config.json'), JSON.stringify({ provider: 'glm', models: { 'gpt-4o': 'glm-4.7' } }));
    const { stdout, code } = qianyi(['check', dir, '--diff']);
    expect(code).toBe(1);
    expect(stdout).toContain("+    model: 'glm-4.7',");
    writeFileSync(path.join(dir, 'qianyi.config.json'), '{ "provider": 3 }');
    const bad = qianyi(['check', dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^qianyi: .*qianyi\.config\.json: provider: /);
  });

  it('writes nothing', () => {
    const dir = repo();
    const before = readTree(dir);
    qianyi(['check', dir, '--provider', 'zhipu', '--diff'], { env: { GITHUB_ACTIONS: 'true' } });
    expect(readTree(dir)).toEqual(before);
  });
});

describe('--help', () => {
  it('names the command and ends with two examples for every command', () => {
    expect(qianyi(['check', '--help']).stdout).toMatch(/^Usage: qianyi check .*\n[\s\S]*files or directories to check/);
    for (const command of ['scan', 'migrate', 'check', 'undo', 'providers', 'init']) {
      const help = qianyi([command, '--help']).stdout.trimEnd().split('\n');
      expect(help.slice(-3), command).toEqual(['Examples:', expect.stringMatching(new RegExp(`^ {2}\\$ qianyi ${command}`)), expect.stringMatching(new RegExp(`^ {2}\\$ qianyi ${command}`))]);
    }
  });
});
