#!/usr/bin/env node
// Part of `npm run build`: copies the compiler loader (src/analysis/typescript/compiler.js and its .d.ts,
// which tsc does not emit) and writes V8's code cache for the TypeScript compiler bundles to dist/v8-cache/
// (src/analysis/typescript/compiler-cache.ts says why). The parser is run over this package's own sources
// first, so the cache also holds the parser's compiled functions, not only the top-level script.
import { copyFileSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';


const root = fileURLToPath(new URL('..', import.meta.url));
for (const name of ['compiler.js', 'compiler.d.ts']) {
  copyFileSync(path.join(root, 'src/analysis/typescript', name), path.join(root, 'dist/analysis/typescript', name));
}
const { defaultCacheDir, preloadCompiler, writeCompilerCache } = await import('../dist/analysis/typescript/compiler-cache.js');
const dir = defaultCacheDir();
rmSync(dir, { recursive: true, force: true });
preloadCompiler(dir, { requireCache: false });
const { Parser } = await import('../dist/analysis/typescript/parse.js');
const { collectNodes } = await import('../dist/sources/openai/detectors/index.js');
const parser = new Parser();
const samples = [];
const walk = (d) => {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (/\.(ts|tsx|js|jsx|mjs|cjs)$/.test(e.name) && !e.name.endsWith('.d.ts')) samples.push(p);
  }
};
walk(path.join(root, 'src'));
walk(path.join(root, 'fixtures', 'demo-app'));
for (const file of samples) collectNodes(parser.parse(file, readFileSync(file, 'utf8')));
const written = writeCompilerCache(dir);
process.stdout.write(`code cache: ${written.length} bundles, warmed on ${samples.length} files\n`);
