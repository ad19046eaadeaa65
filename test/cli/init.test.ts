import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { qianyi, REPO } from '../helpers/exec.js';
import { fixtureRepo } from '../helpers/git.js';
import { removeDir, testdir } from '../helpers/testdir.js';

const temps: string[] = [];
afterAll(() => temps.forEach(removeDir));

describe('qianyi init (CLI)', () => {
  it('writes the config and the workflow at the git top level, and refuses to overwrite either without --force', () => {
    const top = testdir({ 'packages/app/package.json': '{}\n', 'README.md': 'x\n' });
    temps.push(top);
    const git = fixtureRepo(top, temps);
    const app = path.join(git, 'packages/app');
    const first = qianyi(['init', app, '--provider', 'glm', '--region', 'intl', '--model', 'gpt-4o=glm-4.7']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(app, 'qianyi.config.json'), 'utf8'))).toEqual({ provider: 'zhipu', region: 'intl', models: { 'gpt-4o': 'glm-4.7' } });
    const workflow = readFileSync(path.join(git, '.github/workflows/qianyi.yml'), 'utf8');
    expect(workflow).toContain('        run: qianyi check packages/app -o qianyi.sarif\n');
    expect(workflow).toContain("        if: always() && hashFiles('qianyi.sarif') != ''\n");

    writeFileSync(path.join(git, '.github/workflows/qianyi.yml'), 'mine\n');
    const again = qianyi(['init', app, '--provider', 'deepseek']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^qianyi: .*qianyi\.config\.json and .*qianyi\.yml already exist: nothing was written\npass --force to overwrite\n$/);
    expect(readFileSync(path.join(git, '.github/workflows/qianyi.yml'), 'utf8')).toBe('mine\n');
    expect(qianyi(['init', app, '--provider', 'deepseek', '--force']).code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(app, 'qianyi.config.json'), 'utf8'))).toEqual({ provider: 'deepseek', region: 'global' });
  });

  it('needs a known provider and region; a package spec is quoted for the shell and YAML', () => {
    const dir = testdir({});
    temps.push(dir);
    expect(qianyi(['init', dir]).stderr).toMatch(/^qianyi: init needs a provider/);
    expect(qianyi(['init', dir, '--provider', 'nope']).code).toBe(2);
    expect(qianyi(['init', dir, '--provider', 'zhipu', '--region', 'mars']).stderr).toMatch(/^qianyi: provider zhipu has no region "mars"/);
    expect(qianyi(['init', dir, '--provider', 'zhipu', '--package', "it's: here"]).code).toBe(0);
    expect(readFileSync(path.join(dir, '.github/workflows/qianyi.yml'), 'utf8')).toContain(`        run: "npm install -g 'it'\\\\''s: here'"\n`);
  });
});

describe('migrate: next steps', () => {
  it('repeat the paths, provider, region and models chosen in the check command line, which then finds nothing to change', () => {
    const dir = fixtureRepo(path.join(REPO, 'fixtures/migrate/app/input'), temps);
    const run = qianyi(['migrate', dir, '--provider', 'zhipu', '--region', 'intl', '--model', 'gpt-4o=glm-4.7', '--yes']);
    const line = /keep the migration honest in CI: (qianyi check .*)$/m.exec(run.stdout)?.[1];
    expect(line).toBe(`qianyi check ${dir} --provider zhipu --region intl --model gpt-4o=glm-4.7`);
    // Nothing left for migrate to change with those flags; what stays is the TODO(qianyi) for the forced tool_choice.
    const check = JSON.parse(qianyi([...line!.split(' ').slice(1), '--format', 'json']).stdout);
    expect(check.pending.map((p: { type: string }) => p.type)).toEqual(['todo']);
  });
});
