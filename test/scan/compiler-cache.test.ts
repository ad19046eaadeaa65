import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/exec.js';

// The built package compiles the TypeScript bundles from the V8 code cache that `npm run build` wrote
// (src/analysis/typescript/compiler-cache.ts). These tests run copies of dist/ inside the repository (so
// that node_modules resolves) and never touch the real dist/.
const copies: string[] = [];
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

function copyOfPackage(): string {
  const dir = mkdtempSync(path.join(REPO, '.test-package-'));
  copies.push(dir);
  cpSync(path.join(REPO, 'dist'), path.join(dir, 'dist'), { recursive: true });
  cpSync(path.join(REPO, 'package.json'), path.join(dir, 'package.json'));
  cpSync(path.join(REPO, 'templates'), path.join(dir, 'templates'), { recursive: true });
  return dir;
}

function run(pkg: string, script: string) {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: pkg, encoding: 'utf8' });
  return { stdout: result.stdout.trim(), stderr: result.stderr, code: result.status };
}

const PRELOAD = `
const { preloadCompiler } = await import('./dist/analysis/typescript/compiler-cache.js');
const how = preloadCompiler();
const { Parser } = await import('./dist/analysis/typescript/parse.js');
const sf = new Parser().parse('/x/a.ts', 'import OpenAI from "openai"; const c = new OpenAI();');
console.log(how, sf.statements.length);`;

function scanDemo(pkg: string): string {
  const result = spawnSync(process.execPath, [path.join(pkg, 'dist/cli.js'), 'scan', 'fixtures/demo-app', '--no-cache', '--format', 'json'], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  expect(result.status, result.stderr).toBe(0);
  const report = JSON.parse(result.stdout) as { sites: unknown[]; performance?: unknown };
  return JSON.stringify(report.sites);
}

describe('compiler code cache', () => {
  it('the build writes a cache for this V8 and the built parser loads the compiler from it', () => {
    const files = readdirSync(path.join(REPO, 'dist/v8-cache'));
    expect(files.filter((f) => f.endsWith(`-${process.versions.v8}.bin`))).toHaveLength(3);
    const pkg = copyOfPackage();
    expect(run(pkg, PRELOAD)).toMatchObject({ stdout: 'cached 2', code: 0 });
  });

  it('a corrupt cache is rejected by V8 and the compiler is compiled as usual, with the same sites', () => {
    const pkg = copyOfPackage();
    const clean = scanDemo(pkg);
    const cacheDir = path.join(pkg, 'dist/v8-cache');
    for (const file of readdirSync(cacheDir)) writeFileSync(path.join(cacheDir, file), Buffer.alloc(4096, 7));
    expect(run(pkg, PRELOAD)).toMatchObject({ stdout: 'rejected 2', code: 0 });
    expect(scanDemo(pkg)).toBe(clean);
  });

  it('without a cache nothing is preloaded and the scan finds the same sites', () => {
    const pkg = copyOfPackage();
    const clean = scanDemo(pkg);
    rmSync(path.join(pkg, 'dist/v8-cache'), { recursive: true });
    expect(run(pkg, PRELOAD)).toMatchObject({ stdout: 'none 2', code: 0 });
    expect(scanDemo(pkg)).toBe(clean);
  });
});
