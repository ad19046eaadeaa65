import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/migrate/migrate.js';
import { loadBuiltinTemplates, resolveProviderId } from '../../src/templates/load.js';
import { parseRoutes } from '../../src/policy/route.js';
import { REPO } from '../helpers/exec.js';
import { copyFixture, removeDir } from '../helpers/testdir.js';
import { readTree, replaceTree } from '../helpers/tree.js';

/**
 * Golden migrations: fixtures/migrate/<case>/input is migrated for each provider the case names, and the
 * whole resulting tree must equal fixtures/migrate/<case>/expected/<provider>, byte for byte. A second
 * run must change nothing. UPDATE_FIXTURES=1 rewrites the expected trees (review the diff before committing).
 */
const casesDir = path.join(REPO, 'fixtures/migrate');
const templates = loadBuiltinTemplates();
const update = process.env.UPDATE_FIXTURES === '1';
const temps: string[] = [];
afterAll(() => temps.forEach(removeDir));

interface CaseConfig {
  providers: 'all' | string[];
  models?: Record<string, string>;
  region?: string;
  /** `--route` per entry of `providers`: `"deepseek+route": { "embeddings": "qwen" }` (the provider id is the part before `+`). */
  routes?: Record<string, Record<string, string>>;
  /** `--rewrite-v3`. */
  rewriteV3?: boolean;
}

for (const name of readdirSync(casesDir).filter((n) => existsSync(path.join(casesDir, n, 'case.json'))).sort()) {
  const config = JSON.parse(readFileSync(path.join(casesDir, name, 'case.json'), 'utf8')) as CaseConfig;
  const providers = config.providers === 'all' ? templates.map((t) => t.id) : config.providers;
  describe(`migrate fixture ${name}`, () => {
    for (const provider of providers) {
      it(provider, async () => {
        const template = resolveProviderId(provider.split('+')[0]!, templates);
        const routes = parseRoutes(Object.entries(config.routes?.[provider] ?? {}).map(([c, p]) => `${c}=${p}`), template, templates);
        const dir = copyFixture(path.join(casesDir, name, 'input'));
        temps.push(dir);
        const options = { paths: [dir], cwd: dir, template, models: config.models, region: config.region, routes, write: true, ...(config.rewriteV3 ? { rewriteV3: true } : {}) };
        const first = await migrate(options);
        expect(first.files.filter((f) => f.status === 'error')).toEqual([]);

        const expectedDir = path.join(casesDir, name, 'expected', provider);
        if (update) replaceTree(dir, expectedDir);
        expect(readTree(dir)).toEqual(readTree(expectedDir));

        // Idempotent: the second run finds nothing to change and adds no marker twice.
        const second = await migrate(options);
        expect(second.files.filter((f) => f.status === 'changed').map((f) => f.file)).toEqual([]);
        expect(readTree(dir)).toEqual(readTree(expectedDir));
      });
    }
  });
}
