import { applyPatch, createTwoFilesPatch, FILE_HEADERS_ONLY, formatPatch, structuredPatch } from 'diff';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { redactEnvValues, redactSecrets, unifiedDiff } from '../../src/migrate/diff.js';
import { plan } from '../../src/migrate/migrate.js';
import { configKind } from '../../src/collect/discover.js';
import { analyze } from '../../src/scan/scan.js';
import { loadBuiltinTemplates, resolveProviderId } from '../../src/templates/load.js';
import { REPO } from '../helpers/exec.js';
import { removeDir, testdir } from '../helpers/testdir.js';

const templates = loadBuiltinTemplates();
const temps: string[] = [];
afterAll(() => temps.forEach(removeDir));

/** jsdiff over the whole redacted texts: what the diff was before it became linear. */
function reference(file: string, before: string, after: string, env: boolean): string {
  const redact = env ? redactEnvValues : redactSecrets;
  return formatPatch(structuredPatch(`a/${file}`, `b/${file}`, redact(before), redact(after), undefined, undefined, { context: 3 }), FILE_HEADERS_ONLY);
}

describe('unifiedDiff', () => {
  it('prints what jsdiff prints for every migrate fixture and provider', async () => {
    const cases = readdirSync(path.join(REPO, 'fixtures/migrate')).filter((n) => existsSync(path.join(REPO, 'fixtures/migrate', n, 'case.json')));
    let compared = 0;
    for (const name of cases) {
      const input = path.join(REPO, 'fixtures/migrate', name, 'input');
      const analysis = await analyze({ paths: [input], cwd: input });
      for (const template of templates) {
        const planned = plan(analysis, { template });
        for (const file of [...planned.files, ...planned.envFiles]) {
          // .env files hide every value; compose and workflow files (kind env too) go through the general redactor.
          expect(file.diff, `${name} ${template.id} ${file.rel}`).toBe(reference(file.rel, readFileSync(file.file, 'utf8'), file.after, file.kind === 'env' && configKind(file.rel) === 'dotenv'));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('matches jsdiff on edits at the start, the end, across lines and without a final newline', () => {
    const cases: Array<[string, Array<{ start: number; end: number; text: string }>]> = [
      ['a\nb\nc\n', [{ start: 0, end: 0, text: 'x\n' }]],
      ['a\nb\nc\n', [{ start: 6, end: 6, text: 'd\n' }]],
      ['a\nb\nc', [{ start: 5, end: 5, text: '\nd' }]],
      ['a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n', [{ start: 2, end: 4, text: 'B\n' }, { start: 22, end: 23, text: 'L' }]],
      ['one\ntwo\nthree\n', [{ start: 2, end: 9, text: '' }]],
      ['a\r\nb\r\n', [{ start: 3, end: 4, text: 'B' }]],
      ['x\n'.repeat(20), [{ start: 10, end: 10, text: 'y\n' }, { start: 16, end: 16, text: 'z\n' }]],
    ];
    for (const [before, edits] of cases) {
      const sorted = [...edits].sort((a, b) => b.start - a.start);
      let after = before;
      for (const e of sorted) after = after.slice(0, e.start) + e.text + after.slice(e.end);
      expect(unifiedDiff('f.ts', before, after, false, edits), JSON.stringify(before)).toBe(reference('f.ts', before, after, false));
    }
    expect(unifiedDiff('.env', 'A=1\nOPENAI_API_KEY=sk-1234567890\n', 'A=1\nOPENAI_API_KEY=sk-1234567890\nK=\n', true))
      .toBe(createTwoFilesPatch('a/.env', 'b/.env', 'A=1\nOPENAI_API_KEY=***\n', 'A=1\nOPENAI_API_KEY=***\nK=\n', undefined, undefined, { context: 3 }).split('\n').slice(1).join('\n'));
  });

  it('plans and diffs a generated file with 4,000 calls in seconds', async () => {
    const dir = testdir({});
    temps.push(dir);
    const calls = Array.from({ length: 4000 }, (_, i) => `export const f${i} = () => client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'q${i}' }], temperature: 1.5 });`);
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'src/generated.ts'), ["import OpenAI from 'openai';", 'const client = new OpenAI();', ...calls, ''].join('\n'));
    const analysis = await analyze({ paths: [dir], cwd: dir });
    const started = performance.now();
    const planned = plan(analysis, { template: resolveProviderId('zhipu', templates) });
    const ms = performance.now() - started;
    const [file] = planned.files;
    expect(file!.diff.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++')).length).toBeGreaterThanOrEqual(4000);
    // The patch is right: applied to the old text it gives the new one.
    expect(applyPatch(readFileSync(file!.file, 'utf8'), file!.diff)).toBe(file!.after);
    expect(ms).toBeLessThan(20_000); // about 1 s on an idle machine; the quadratic diff alone took 17 s
  }, 60_000);
});
