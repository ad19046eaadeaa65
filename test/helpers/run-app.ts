import { spawn } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ts } from 'ts-morph';
import { REPO } from './exec.js';
import { testdir } from './testdir.js';
import { readTree } from './tree.js';

/**
 * Compiles a fixture tree to JavaScript next to a link to this repo's node_modules (for `openai`), with `extra`
 * files (a runner script) beside it; returns the folder.
 */
export function buildApp(tree: string, extra: Record<string, string> = {}): string {
  const out = testdir({ 'package.json': '{ "type": "module" }\n', ...extra });
  symlinkSync(path.join(REPO, 'node_modules'), path.join(out, 'node_modules'), 'dir');
  for (const [rel, text] of Object.entries(readTree(tree))) {
    if (!rel.endsWith('.ts')) continue;
    const js = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    const target = path.join(out, rel.replace(/\.ts$/, '.js'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, js);
  }
  return out;
}

/**
 * Runs `entry` (`src/main.js`) of a built app with only PATH and `env` set; resolves with its stdout. Not
 * spawnSync: the mock provider answers on this process's event loop.
 */
export function runApp(dir: string, env: Record<string, string>, args: string[] = [], timeoutMs = 30_000, entry = 'src/main.js'): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(dir, entry), ...args], { cwd: dir, env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill(), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`exit ${code}: ${stderr}`));
    });
  });
}
