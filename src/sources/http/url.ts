import { ts } from '../../analysis/typescript/parse.js';
import type { Evaluator } from '../../analysis/typescript/evaluator.js';
import { lookup } from '../../analysis/typescript/scope.js';
import { envName } from '../shared.js';
import { OPENAI_V1 } from './surface.js';

/** Env vars that name OpenAI's base URL: a URL built on one is OpenAI's. */
const OPENAI_URL_ENV = new Set(['OPENAI_BASE_URL', 'OPENAI_API_BASE', 'OPENAI_API_URL']);

/**
 * The string an expression builds, following constants (in this file or exported by another): a literal,
 * a template string, `a + b`, `process.env.OPENAI_BASE_URL ?? '...'`. Undefined when a part is not known.
 */
export function foldString(expr: ts.Expression | undefined, ev: Evaluator, depth = 0): string | undefined {
  if (!expr || depth > 8) return undefined;
  const next = depth + 1;
  let node = expr;
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node) || ts.isSatisfiesExpression(node)) {
    node = node.expression;
  }
  if (ts.isStringLiteralLike(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    let text = node.head.text;
    for (const span of node.templateSpans) {
      const part = foldString(span.expression, ev, next);
      if (part === undefined) return undefined;
      text += part + span.literal.text;
    }
    return text;
  }
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    if (op === ts.SyntaxKind.PlusToken) {
      const left = foldString(node.left, ev, next);
      const right = left === undefined ? undefined : foldString(node.right, ev, next);
      return left === undefined || right === undefined ? undefined : left + right;
    }
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) {
      return foldString(node.left, ev, next) ?? (isOpenAiUrlEnv(node.left) ? foldString(node.right, ev, next) : undefined);
    }
    return undefined;
  }
  const env = envName(node);
  if (env !== undefined) return OPENAI_URL_ENV.has(env) ? OPENAI_V1 : undefined;
  if (ts.isIdentifier(node)) {
    const decl = lookup(node.text, node);
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer && isConst(decl)) return foldString(decl.initializer, ev, next);
  }
  const value = ev.expr(node);
  return value.k === 'string' ? value.value : undefined;
}

function isOpenAiUrlEnv(node: ts.Expression): boolean {
  const name = envName(node);
  return name !== undefined && OPENAI_URL_ENV.has(name);
}

function isConst(decl: ts.VariableDeclaration): boolean {
  return ts.isVariableDeclarationList(decl.parent) && (decl.parent.flags & ts.NodeFlags.Const) !== 0;
}
