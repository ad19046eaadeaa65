import { ts } from '../../../analysis/typescript/parse.js';
import { OPENAI_MODELS } from '../models.js';
import type { DetectContext, Detector } from './context.js';

/** String literals holding OpenAI model ids, outside the `model:` of a call (which the call reports). */
export const models: Detector = {
  id: 'models',
  description: 'OpenAI model ids in string literals (constants, config objects, arrays)',
  // After every detector of every file: a literal that another source's site reads belongs to that source.
  last: true,
  detect(ctx: DetectContext) {
    for (const literal of ctx.nodes.strings) {
      if (ctx.callModelLiterals.has(literal) || !isCatalogModelId(literal.text) || !isValuePosition(literal)) continue;
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
        ...(declaredType(literal) ? { typedAs: declaredType(literal) } : {}),
      });
    }
  },
};

/** Older OpenAI ids still found in code, beyond those every template maps (models.ts). */
const OLDER_IDS = new Set([
  'gpt-4-32k', 'gpt-3.5-turbo-16k', 'gpt-4-vision-preview', 'gpt-4-turbo-preview', 'gpt-4o-audio-preview',
  'gpt-4o-realtime-preview', 'gpt-4o-mini-audio-preview', 'gpt-4o-mini-realtime-preview', 'gpt-4o-search-preview',
  'gpt-4o-mini-search-preview', 'gpt-4.5-preview', 'gpt-realtime', 'gpt-audio', 'o1-preview', 'o3-deep-research',
  'o4-mini-deep-research', 'codex-mini-latest', 'computer-use-preview', 'text-davinci-003', 'text-davinci-002',
  'code-davinci-002', 'davinci-002', 'babbage-002', 'gpt-5-codex', 'gpt-5-pro', 'gpt-5.1-codex', 'gpt-5.1-chat-latest',
]);

/**
 * An id of OpenAI's catalog: listed, or a dated snapshot of a listed id (`gpt-4o-2024-08-06`, `gpt-4-0613`),
 * or a fine-tuned `ft:` id on one. Never a prefix match: `chatgpt-sidebar.state` is a storage key.
 */
export function isCatalogModelId(id: string): boolean {
  if (id.length > 100) return false;
  const base = id.startsWith('ft:') ? (id.split(':')[1] ?? '') : id;
  for (let cur: string | null = base; cur; ) {
    if (Object.hasOwn(OPENAI_MODELS, cur) || OLDER_IDS.has(cur)) return true;
    const stripped: string = cur.replace(/-(\d{4}-\d{2}-\d{2}|\d{4}|preview|latest)$/, '');
    cur = stripped === cur ? null : stripped;
  }
  return false;
}

/** Methods whose string argument is a pattern matched against a model id, not a model sent anywhere. */
const MATCHERS = new Set(['startsWith', 'endsWith', 'includes', 'indexOf', 'lastIndexOf', 'match', 'test', 'replace', 'replaceAll', 'split', 'search', 'has', 'get', 'delete']);
const COMPARISONS = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.InKeyword,
]);

/**
 * Not a key, a type, a module name, an index into a lookup table, a comparison operand, a `case` label or
 * the argument of a string or collection matcher (`id.startsWith('o1')`, `models.has('gpt-4')`).
 */
function isValuePosition(literal: ts.StringLiteralLike): boolean {
  const parent = literal.parent;
  if (ts.isBinaryExpression(parent) && COMPARISONS.has(parent.operatorToken.kind)) return false;
  if (ts.isCaseClause(parent) && parent.expression === literal) return false;
  if (ts.isCallExpression(parent) && parent.arguments.includes(literal as ts.Expression) &&
    ts.isPropertyAccessExpression(parent.expression) && MATCHERS.has(parent.expression.name.text)) return false;
  if (ts.isPropertyAssignment(parent) && parent.name === literal) return false;
  if ((ts.isPropertyDeclaration(parent) || ts.isPropertySignature(parent) || ts.isMethodDeclaration(parent) ||
    ts.isEnumMember(parent) || ts.isGetAccessor(parent)) && parent.name === literal) return false;
  if (ts.isLiteralTypeNode(parent) || ts.isComputedPropertyName(parent)) return false;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent)) return false;
  if (ts.isElementAccessExpression(parent) && parent.argumentExpression === literal) return false;
  return true;
}

/**
 * The type a literal is declared with, when it is narrower than `string` (`const m: LLMID = 'gpt-4o'`,
 * `model: ModelId = 'gpt-4o'` as a parameter default or class field): rewriting it would break the type.
 */
function declaredType(literal: ts.StringLiteralLike): string | undefined {
  const parent = literal.parent;
  const type = (ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isPropertyDeclaration(parent)) && parent.initializer === literal
    ? parent.type : undefined;
  if (!type || type.kind === ts.SyntaxKind.StringKeyword || type.kind === ts.SyntaxKind.AnyKeyword || type.kind === ts.SyntaxKind.UnknownKeyword) return undefined;
  const text = type.getText(literal.getSourceFile()).replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
