/**
 * The TypeScript compiler is a 9 MB script (plus ts-morph's 4 MB): compiling it costs a cold scan about
 * 0.3 s before the first file is parsed, and its parser runs as unoptimised first-time code on the first
 * files. Node 20 has no module compile cache, so the build (`scripts/build-code-cache.mjs`) runs the parser
 * over sample files and stores V8's code cache for each bundle in `dist/v8-cache/`; here the bundles are
 * compiled with that cache and placed in the CommonJS module cache, where ts-morph's own `require`s and the
 * `import 'ts-morph'` that follows find them. A cache made by another V8 is rejected by V8 itself (then the
 * bundle is compiled as usual); a missing one changes nothing. Only the built package uses it.
 */
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const require = createRequire(import.meta.url);

/** In dependency order: each later bundle requires the earlier ones. */
const BUNDLES = ['@ts-morph/common/dist/typescript.js', '@ts-morph/common', 'ts-morph'];

export type CompilerLoad = 'cached' | 'rejected' | 'none';

interface Loaded {
  file: string;
  script: vm.Script;
}

let loaded: Loaded[] | null = null;
let outcome: CompilerLoad = 'none';

/** dist/v8-cache/ next to the built modules; null when running from the TypeScript sources. */
export function defaultCacheDir(): string | null {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.js')) return null;
  return path.resolve(path.dirname(here), '../../v8-cache');
}

function cacheFileFor(dir: string, file: string): string {
  return path.join(dir, `${path.basename(path.dirname(path.dirname(file)))}-${path.basename(file)}-${process.versions.v8}.bin`);
}

/**
 * Compiles and runs the compiler bundles with the code cache in `dir` (when there is one for this V8),
 * before anything imports them. `parserOnly` stops after the TypeScript compiler itself, which is all a scan
 * parses with (compiler.js): ts-morph's own bundles are needed only by the type checker, which calls this
 * again first. Idempotent; does nothing for a bundle loaded some other way (nor for those after it).
 */
export function preloadCompiler(dir: string | null = defaultCacheDir(), options: { requireCache?: boolean; parserOnly?: boolean } = {}): CompilerLoad {
  const files = BUNDLES.slice(0, options.parserOnly ? 1 : BUNDLES.length).map((b) => require.resolve(b));
  const done = loaded ?? [];
  const todo = files.filter((f) => !done.some((l) => l.file === f));
  if (todo.length === 0) return outcome;
  if (todo.some((f) => require.cache[f])) return outcome;
  if (!dir || (options.requireCache !== false && !todo.every((f) => existsSync(cacheFileFor(dir, f))))) return outcome;
  let rejected = outcome === 'rejected';
  try {
    for (const file of todo) {
      const source = readFileSync(file, 'utf8');
      let cachedData: Buffer | undefined;
      try {
        cachedData = readFileSync(cacheFileFor(dir, file));
      } catch {
        cachedData = undefined;
      }
      const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
      if (cachedData && script.cachedDataRejected) rejected = true;
      const mod = new Module(file, undefined);
      mod.filename = file;
      mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
      require.cache[file] = mod;
      const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
      wrapper.call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
      (mod as { loaded: boolean }).loaded = true;
      done.push({ file, script });
    }
  } catch {
    // Leave nothing half-initialised in the module cache: the ordinary import then loads the bundles afresh.
    for (const file of todo) delete require.cache[file];
    done.splice(0, done.length, ...done.filter((l) => !todo.includes(l.file)));
    return outcome;
  }
  loaded = done;
  outcome = rejected ? 'rejected' : 'cached';
  return outcome;
}

/** Writes the code cache of the bundles loaded by `preloadCompiler(dir, { requireCache: false })` (the build). */
export function writeCompilerCache(dir: string): string[] {
  if (!loaded || loaded.length < BUNDLES.length) throw new Error('preloadCompiler did not load the compiler bundles');
  mkdirSync(dir, { recursive: true });
  return loaded.map(({ file, script }) => {
    const out = cacheFileFor(dir, file);
    writeFileSync(out, script.createCachedData());
    return out;
  });
}
