import { ts } from '../../../analysis/typescript/parse.js';
import { isOpenAiModelId } from '../surface.js';
import type { DetectContext, Detector } from './context.js';

/** String literals holding OpenAI model ids, outside the `model:` of a call (which the call reports). */
export const models: Detector = {
  id: 'models',
  description: 'OpenAI model ids in string literals (constants, config objects, arrays)',
  // After every detector of every file: a literal that another source's site reads belongs to that source.
  last: true,
  detect(ctx: DetectContext) {
    for (const literal of ctx.nodes.strings) {
      if (ctx.callModelLiterals.has(literal) || !isOpenAiModelId(literal.text) || !isValuePosition(literal)) continue;
      const owner = ctx.modelOwners.get(literal);
      ctx.report(literal, {
        kind: 'model',
        sdk: owner?.sdk ?? 'openai',
        api: null,
        model: literal.text,
        features: [],
        // A literal another source's site reads is that site's model: as certain as the site.
        confidence: ctx.importsSdk || owner ? 'certain' : 'likely',
        name: null,
      });
    }
  },
};

/** Not a key, a type, a module name or an index into a lookup table. */
function isValuePosition(literal: ts.StringLiteralLike): boolean {
  const parent = literal.parent;
  if (ts.isPropertyAssignment(parent) && parent.name === literal) return false;
  if ((ts.isPropertyDeclaration(parent) || ts.isPropertySignature(parent) || ts.isMethodDeclaration(parent) ||
    ts.isEnumMember(parent) || ts.isGetAccessor(parent)) && parent.name === literal) return false;
  if (ts.isLiteralTypeNode(parent) || ts.isComputedPropertyName(parent)) return false;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent)) return false;
  if (ts.isElementAccessExpression(parent) && parent.argumentExpression === literal) return false;
  return true;
}
