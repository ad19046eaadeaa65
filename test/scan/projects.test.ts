import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/index.js';
import type { Site } from '../../src/index.js';
import { REPO } from '../helpers/exec.js';
import { copyFixture, removeDir } from '../helpers/testdir.js';

/**
 * Every fixture project carries `expected-sites.json`, written by hand from docs/site-model.md. The scan must
 * report exactly those sites: a missing one is a recall failure, an extra one a precision failure.
 */
interface Expected {
  sites: Array<Pick<Site, 'file' | 'line' | 'column' | 'kind' | 'sdk' | 'api' | 'model' | 'features' | 'confidence' | 'name' | 'options'>>;
  skipped?: Array<{ file: string }>;
}

const projectsDir = path.join(REPO, 'fixtures/projects');
const scenarios = [
  ...readdirSync(projectsDir).filter((name) => existsSync(path.join(projectsDir, name, 'expected-sites.json')))
    .map((name) => path.join(projectsDir, name)),
  path.join(REPO, 'fixtures/demo-app'),
];
const copies: string[] = [];
afterAll(() => copies.forEach(removeDir));

function project(site: Site): Expected['sites'][number] {
  const { file, line, column, kind, sdk, api, model, features, confidence, name, options } = site;
  return { file, line, column, kind, sdk, api, model, features, confidence, name, ...(options === undefined ? {} : { options }) };
}

describe('fixture projects: exact expected sites', () => {
  it('has fixture projects to check', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(10);
  });

  for (const dir of scenarios) {
    it(path.relative(REPO, dir), async () => {
      const expected = JSON.parse(readFileSync(path.join(dir, 'expected-sites.json'), 'utf8')) as Expected;
      let root = dir;
      if (path.basename(dir) === 'discovery') {
        // .git cannot live in the repo's fixtures: add one, with an info/exclude rule and the file it hides.
        root = copyFixture(dir);
        copies.push(root);
        mkdirSync(path.join(root, '.git/info'), { recursive: true });
        writeFileSync(path.join(root, '.git/info/exclude'), 'src/excluded-by-info.ts\n');
        writeFileSync(path.join(root, 'src/excluded-by-info.ts'), "import OpenAI from 'openai';\nexport const c = new OpenAI();\n");
      }
      const result = await scan({ paths: [root], cwd: root });
      const actual = result.sites.map(project);
      // Compared field by field in a fixed order, so the key order of the JSON file does not matter.
      const key = (s: Expected['sites'][number]) => JSON.stringify(project(s as Site));
      const missing = expected.sites.filter((e) => !actual.some((a) => key(a) === key(e))).map(key);
      const noisy = actual.filter((a) => !expected.sites.some((e) => key(a) === key(e))).map(key);
      expect({ missing, noisy }).toEqual({ missing: [], noisy: [] });
      expect(actual.map(key)).toEqual(expected.sites.map(key));
      expect(result.skipped.map((s) => s.file)).toEqual((expected.skipped ?? []).map((s) => s.file));
    });
  }
});
