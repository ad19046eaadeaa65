// The TypeScript namespace, by `require`: an ES `import 'ts-morph'` would make Node scan ts-morph's 1 MB
// CommonJS bundle for its export names on every run (about 0.1 s), and the bundle is already in the module
// cache when compiler-cache.ts preloaded it. Plain JavaScript with a hand-written compiler.d.ts beside it,
// because TypeScript cannot give a `require`d value the `ts` namespace's types; the build copies both.
import { createRequire } from 'node:module';

export const ts = createRequire(import.meta.url)('ts-morph').ts;
