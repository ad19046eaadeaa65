// The TypeScript compiler that ts-morph bundles, by `require`: an ES `import 'ts-morph'` would make Node scan
// ts-morph's 1 MB CommonJS bundle for its export names on every run (about 0.1 s), and the bundle is already
// in the module cache when compiler-cache.ts preloaded it. The compiler module itself, not ts-morph's `ts`:
// that is a frozen copy whose every member is a getter, which the analysis would pay on each `ts.isX` call,
// and a scan needs none of ts-morph's own code (the type checker loads it: typecheck.ts). Plain JavaScript
// with a hand-written compiler.d.ts beside it, because TypeScript cannot give a `require`d value the `ts`
// namespace's types; the build copies both.
import { createRequire } from 'node:module';

export const ts = createRequire(import.meta.url)('@ts-morph/common/dist/typescript.js');
