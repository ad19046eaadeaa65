import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { qianyi, REPO } from '../helpers/exec.js';
import { analyze } from '../../src/scan/scan.js';
import { plan, withoutFiles } from '../../src/migrate/migrate.js';
import { loadBuiltinTemplates, resolveProviderId } from '../../src/templates/load.js';
import { fixtureRepo, gitInit } from '../helpers/git.js';
import { KEY, Terminal } from '../helpers/pty.js';
import { copyFixture, removeDir, testdir } from '../helpers/testdir.js';
import { readTree } from '../helpers/tree.js';

/** The wizard driven for real in a pseudo-terminal, on a git copy of the fixture app. */
const APP = path.join(REPO, 'fixtures/migrate/app/input');
const temps: string[] = [];
afterAll(() => temps.forEach(removeDir));

const repo = (): string => fixtureRepo(APP, temps);

/** Answers every model question with its suggestion (Enter), four models in the fixture app. */
async function acceptModels(term: Terminal, from: number): Promise<number> {
  let at = from;
  for (const model of ['gpt-4.1', 'gpt-4o', 'gpt-4o-mini', 'text-embedding-3-small']) {
    at = await term.waitFor(`${model} →`, at);
    term.type(KEY.enter);
  }
  return at;
}

/** Takes the defaults up to the first file's review: the best-ranked provider and every suggested model. */
async function toReview(term: Terminal): Promise<number> {
  const at = await term.waitFor('Which provider should this code move to?');
  term.type(KEY.enter);
  return term.waitFor('apply this change?', await acceptModels(term, at));
}

describe('migrate wizard', () => {
  it('accepting the defaults migrates the app exactly as the printed command does', async () => {
    const dir = repo();
    const term = new Terminal(['migrate'], dir);
    let at = await term.waitFor('12 sites in 5 of 6 files: 6 API calls');
    at = await term.waitFor('Which provider should this code move to?', at);
    term.type(KEY.enter); // the best-ranked provider
    at = await acceptModels(term, at);
    at = await term.waitFor('apply this change?', at);
    term.type(KEY.down + KEY.down + KEY.enter); // accept this and all remaining files
    at = await term.waitFor('Write the changes to 6 file(s)? (y/N)', at);
    term.type('y');
    term.type(KEY.enter);
    at = await term.waitFor('for qianyi check and later runs?', at);
    term.type(KEY.enter);
    at = await term.waitFor('Repeat this run without prompts:', at);
    expect(await term.exited).toBe(0);
    const command = /qianyi migrate \. (.*)\n/.exec(term.text.slice(at))![1]!;
    expect(command).toBe('--provider qianfan --yes');
    // The wizard's result is the golden output for that provider (which type-checks against openai).
    const config = JSON.parse(readFileSync(path.join(dir, 'qianyi.config.json'), 'utf8'));
    expect(config).toEqual({ provider: 'qianfan', region: 'cn' });
    const wizardTree = readTree(dir);
    delete wizardTree['qianyi.config.json'];
    expect(wizardTree).toEqual(readTree(path.join(REPO, 'fixtures/migrate/app/expected/qianfan')));
    // And the printed command reproduces it byte for byte.
    const scripted = repo();
    expect(qianyi(['migrate', '.', ...command.split(' ')], { cwd: scripted }).code).toBe(0);
    expect(readTree(scripted)).toEqual(wizardTree);
  });

  it('a chosen provider, region, model and skipped file all show up in the printed command', async () => {
    const dir = repo();
    const term = new Terminal(['migrate', '.'], dir);
    let at = await term.waitFor('Which provider should this code move to?');
    await term.waitFor('navigate', at); // the whole list is on screen
    const zhipu = term.text.slice(at).split('\n').filter((l) => /ok · \d+ caveat/.test(l)).findIndex((l) => l.includes('Zhipu GLM'));
    term.type(KEY.down.repeat(zhipu) + KEY.enter);
    at = await term.waitFor('Which Zhipu GLM region?', at);
    term.type(KEY.down + KEY.enter); // international
    at = await term.waitFor('gpt-4.1 →', at);
    term.type(KEY.enter);
    at = await term.waitFor('gpt-4o →', at);
    term.type('\x15glm-4.7' + KEY.enter); // Ctrl-U clears the suggestion
    at = await term.waitFor('gpt-4o-mini →', at);
    term.type(KEY.enter);
    at = await term.waitFor('text-embedding-3-small →', at);
    term.type(KEY.enter);
    at = await term.waitFor('.env.example: apply this change?', at);
    term.type(KEY.down + KEY.enter); // skip .env.example
    at = await term.waitFor('src/lib/openai.ts: apply this change?', at);
    term.type(KEY.down + KEY.down + KEY.enter);
    at = await term.waitFor('Write the changes to 5 file(s)?', at);
    term.type('y' + KEY.enter);
    at = await term.waitFor('later runs?', at);
    term.type('n' + KEY.enter);
    at = await term.waitFor('Repeat this run without prompts:', at);
    expect(await term.exited).toBe(0);
    expect(term.text.slice(at)).toContain('qianyi migrate . --provider zhipu --region intl --model gpt-4o=glm-4.7 --exclude .env.example --yes');
    expect(existsSync(path.join(dir, 'qianyi.config.json'))).toBe(false);
    expect(readFileSync(path.join(dir, '.env.example'), 'utf8')).toBe(readFileSync(path.join(APP, '.env.example'), 'utf8'));
    expect(readFileSync(path.join(dir, 'src/lib/openai.ts'), 'utf8')).toContain("'https://api.z.ai/api/paas/v4'");
    const scripted = repo();
    expect(qianyi(['migrate', '.', '--provider', 'zhipu', '--region', 'intl', '--model', 'gpt-4o=glm-4.7', '--exclude', '.env.example', '--yes'], { cwd: scripted }).code).toBe(0);
    expect(readTree(scripted)).toEqual(readTree(dir));
  });

  it('skipping a file writes exactly the plan minus that file, with no glob involved', async () => {
    // `[id]` is a glob character class: carried as --exclude it would also leave out src/app/i/page.ts.
    const page = "import { openai } from '../../lib/openai.js';\nexport const page = () => openai.chat.completions.create({ model: 'gpt-4o', messages: [] });\n";
    const withPages = (): string => {
      const dir = copyFixture(APP);
      temps.push(dir);
      for (const rel of ['src/app/[id]/page.ts', 'src/app/i/page.ts']) {
        mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        writeFileSync(path.join(dir, rel), page);
      }
      gitInit(dir);
      return dir;
    };
    const dir = withPages();
    const before = readTree(dir);
    const term = new Terminal(['migrate'], dir);
    let at = await term.waitFor('Which provider should this code move to?');
    term.type(KEY.enter);
    at = await acceptModels(term, at);
    at = await term.waitFor('.env.example: apply this change?', at);
    term.type(KEY.enter); // accept
    at = await term.waitFor('src/app/[id]/page.ts: apply this change?', at);
    term.type(KEY.down + KEY.enter); // skip
    at = await term.waitFor('src/app/i/page.ts: apply this change?', at);
    term.type(KEY.down + KEY.down + KEY.enter); // accept this and all remaining files
    at = await term.waitFor('Write the changes to 7 file(s)?', at);
    term.type('y' + KEY.enter);
    at = await term.waitFor('later runs?', at);
    term.type('n' + KEY.enter);
    at = await term.waitFor('Repeat this run without prompts:', at);
    expect(await term.exited).toBe(0);
    const printed = term.text.slice(at);
    expect(printed).toContain("--exclude 'src/app/\\[id\\]/page.ts' --yes");
    const provider = /--provider (\S+)/.exec(printed)![1]!;

    // The plan of an identical tree, minus that one file, is exactly what was written.
    const twin = withPages();
    const template = resolveProviderId(provider, loadBuiltinTemplates());
    const planned = withoutFiles(plan(await analyze({ paths: [twin], cwd: twin }), { template }), ['src/app/[id]/page.ts']);
    const expected = { ...before };
    for (const file of [...planned.files, ...planned.envFiles]) expected[file.rel] = file.after;
    expect(planned.files.map((f) => f.rel)).toContain('src/app/i/page.ts');
    expect(readTree(dir)).toEqual(expected);
    expect(readTree(dir)['src/app/[id]/page.ts']).toBe(page);
  });

  it('quitting at the review writes nothing', async () => {
    const dir = repo();
    const before = readTree(dir);
    const term = new Terminal(['migrate'], dir);
    const at = await toReview(term);
    term.type(KEY.down.repeat(3) + KEY.enter);
    await term.waitFor('Quit: nothing was written.', at);
    expect(await term.exited).toBe(0);
    expect(readTree(dir)).toEqual(before);
  });

  it('declining the final confirmation (the default) writes nothing', async () => {
    const dir = repo();
    const before = readTree(dir);
    const term = new Terminal(['migrate'], dir);
    let at = await toReview(term);
    term.type(KEY.down + KEY.down + KEY.enter);
    at = await term.waitFor('(y/N)', at);
    term.type(KEY.enter);
    await term.waitFor('Nothing was written.', at);
    expect(await term.exited).toBe(0);
    expect(readTree(dir)).toEqual(before);
  });

  for (const step of ['provider', 'model', 'review', 'confirm']) {
    it(`Ctrl-C at the ${step} step leaves the tree untouched`, async () => {
      const dir = repo();
      const before = readTree(dir);
      const term = new Terminal(['migrate'], dir);
      let at = await term.waitFor('Which provider should this code move to?');
      if (step !== 'provider') {
        term.type(KEY.enter);
        at = await term.waitFor('gpt-4.1 →', at);
      }
      if (step === 'review' || step === 'confirm') {
        at = await acceptModels(term, at - 1);
        at = await term.waitFor('apply this change?', at);
      }
      if (step === 'confirm') {
        term.type(KEY.down + KEY.down + KEY.enter);
        at = await term.waitFor('(y/N)', at);
      }
      term.type(KEY.ctrlC);
      await term.waitFor('qianyi: cancelled, nothing was written', at);
      expect(await term.exited).toBe(130);
      expect(readTree(dir)).toEqual(before);
    });
  }

  it('explains a dirty tree and continues only as a dry run', async () => {
    const dir = repo();
    writeFileSync(path.join(dir, 'notes.ts'), 'export const wip = true;\n');
    const before = readTree(dir);
    const term = new Terminal(['migrate'], dir);
    let at = await term.waitFor('Which provider should this code move to?');
    term.type(KEY.enter);
    at = await acceptModels(term, at);
    at = await term.waitFor('The git working tree has uncommitted changes (1 file(s), e.g. notes.ts).', at);
    at = await term.waitFor('Continue in dry-run mode (nothing will be written)? (Y/n)', at);
    term.type(KEY.enter);
    at = await term.waitFor('apply this change?', at);
    term.type(KEY.down + KEY.down + KEY.enter);
    at = await term.waitFor('Dry run: nothing was written.', at);
    at = await term.waitFor('later runs?', at);
    term.type('n' + KEY.enter);
    await term.waitFor('--provider qianfan --dry-run', at);
    expect(await term.exited).toBe(0);
    expect(readTree(dir)).toEqual(before);
  });

  it('says so and stops when there is nothing to migrate', async () => {
    const dir = testdir({ 'src/a.ts': 'export const a = 1;\n' });
    temps.push(dir);
    const term = new Terminal(['migrate'], dir);
    await term.waitFor('Nothing to migrate: this code does not use the OpenAI SDK.');
    expect(await term.exited).toBe(0);
  });
});
