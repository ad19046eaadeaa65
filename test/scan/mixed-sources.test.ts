import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/migrate/migrate.js';
import { scan } from '../../src/index.js';
import type { Site } from '../../src/index.js';
import { isMigrated } from '../../src/sources/labels.js';
import { loadBuiltinTemplates, resolveProviderId } from '../../src/templates/load.js';
import { REPO } from '../helpers/exec.js';
import { removeDir } from '../helpers/testdir.js';
import { readTree } from '../helpers/tree.js';

/**
 * Issue 11's done-when: one repository that mixes every source (the per-source fixture projects side by side)
 * reports each site once, with its own sdk, exactly as each project's hand-written expected-sites.json says.
 */
const PROJECTS = ['ai-sdk', 'azure', 'chatgpt', 'env-names', 'http', 'langchain', 'openai-edge'];
type Expected = Pick<Site, 'file' | 'line' | 'column' | 'kind' | 'sdk' | 'api' | 'model' | 'features' | 'confidence' | 'name'>;

function mixedRepo(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'qianyi-mixed-'));
  for (const name of PROJECTS) cpSync(path.join(REPO, 'fixtures/projects', name), path.join(dir, name), { recursive: true });
  return dir;
}

const key = (s: Expected) => JSON.stringify([s.file, s.line, s.column, s.kind, s.sdk, s.api, s.model, s.features, s.confidence, s.name]);
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

describe('a repository mixing every source', () => {
  it('reports each site once, with the right sdk', async () => {
    const dir = mixedRepo();
    dirs.push(dir);
    const expected = PROJECTS.flatMap((name) => {
      const { sites } = JSON.parse(readFileSync(path.join(REPO, 'fixtures/projects', name, 'expected-sites.json'), 'utf8')) as { sites: Expected[] };
      return sites.map((s) => ({ ...s, file: `${name}/${s.file}` }));
    });
    const result = await scan({ paths: [dir], cwd: dir });
    expect(result.sites.map(key).sort()).toEqual(expected.map(key).sort());
    expect(new Set(result.sites.map((s) => s.id)).size).toBe(result.sites.length);
    expect([...new Set(result.sites.map((s) => s.sdk))].sort()).toEqual(
      ['ai-sdk', 'azure-openai', 'azure-openai-client', 'chatgpt', 'http', 'langchain', 'openai', 'openai-edge'],
    );
  });

  it('migrates none of the sources it does not handle yet: markers only, no key, URL or model changed', async () => {
    const dir = mixedRepo();
    dirs.push(dir);
    const before = readTree(dir);
    const template = resolveProviderId('deepseek', loadBuiltinTemplates());
    const { sites } = await scan({ paths: [dir], cwd: dir });
    const result = await migrate({ paths: [dir], cwd: dir, template, write: true });
    expect(result.files.filter((f) => f.status === 'error')).toEqual([]);
    // Every call, client and model of such a source is manual work, at its own line.
    const pending = sites.filter((s) => !isMigrated(s.sdk) && s.kind !== 'import');
    const manual = new Set(result.items.filter((i) => i.bucket === 'manual').map((i) => `${i.file}:${i.line}`));
    expect(pending.filter((s) => !manual.has(`${s.file}:${s.line}`)).map((s) => s.id)).toEqual([]);
    // Outside the openai SDK's own files, the only change is comment lines (markers, and notes on env names).
    const after = readTree(dir);
    const sdkFiles = new Set(sites.filter((s) => isMigrated(s.sdk) && s.kind !== 'env').map((s) => s.file));
    // A package.json gains the package the migrated code imports (@ai-sdk/openai-compatible): a planned edit.
    for (const f of result.plan.files) if (f.kind === 'manifest') sdkFiles.add(f.rel);
    for (const [file, text] of Object.entries(after)) {
      if (sdkFiles.has(file)) continue;
      const stripped = text.split('\n').filter((line) => !/^\s*\/\/ (?:TODO\(qianyi\)|qianyi):/.test(line)).join('\n');
      expect({ file, text: stripped }).toEqual({ file, text: before[file] });
    }
  });
});
