import type { ts } from '../analysis/typescript/parse.js';
import type { Sdk } from '../scan/sites.js';
import { importedNames, moduleSpecifierOf, requiredModule, requiredNames } from './openai/detectors/imports.js';
import type { DetectContext, Detector } from './source.js';

/**
 * A source's import detector: ESM imports and re-exports, `import x = require()`, `require()` and `import()`
 * of its modules. `wants` may look at the imported names (the `ai` package is a site only where it imports
 * an OpenAI helper).
 */
export function importsDetector(
  sdk: Sdk,
  description: string,
  owns: (specifier: string) => boolean,
  wants: (specifier: string, names: string[]) => boolean = () => true,
): Detector {
  const report = (ctx: DetectContext, node: ts.Node, specifier: string) =>
    ctx.report(node, { kind: 'import', sdk, api: null, model: null, features: [], confidence: 'certain', name: specifier });
  return {
    id: `${sdk}-imports`,
    description,
    detect(ctx) {
      for (const decl of ctx.nodes.imports) {
        const specifier = moduleSpecifierOf(decl);
        if (specifier !== undefined && owns(specifier) && wants(specifier, importedNames(decl))) report(ctx, decl, specifier);
      }
      for (const call of ctx.nodes.calls) {
        const specifier = requiredModule(call);
        if (specifier !== undefined && owns(specifier) && wants(specifier, requiredNames(call))) report(ctx, call, specifier);
      }
    },
  };
}
