/** Small helpers the sources' models and detectors share. */
import { ts } from '../analysis/typescript/parse.js';
import { envName, propertyNameText, type Evaluator, type SourceValue, type Value } from '../analysis/typescript/evaluator.js';

export { envName };
import type { Sdk } from '../scan/sites.js';
import type { DetectContext } from './source.js';

export interface ModelRef {
  model: string | null;
  /** The literal that holds it, wherever it is declared. */
  node?: ts.Node;
}

/** The model id an expression holds, when it is a string the evaluator can find. */
export function modelOf(expr: ts.Expression | undefined, ev: Evaluator): ModelRef {
  if (!expr) return { model: null };
  const value = ev.expr(expr);
  return value.k === 'string' ? { model: value.value, node: value.node } : { model: null };
}

/**
 * Tells the model detector about a model literal a site of `sdk` reads: written right there, the site reports
 * it (no model site); read through a constant, the constant's model site belongs to `sdk`.
 */
export function claimModel(ctx: DetectContext, ref: { node?: ts.Node }, sdk: Sdk, at: ts.Node): void {
  const node = ref.node;
  if (!node) return;
  if (node.getSourceFile() === ctx.sf && isWithin(node, at) && !isDeclaredConstant(node)) ctx.callModelLiterals.add(node);
  else ctx.modelOwners.set(node, { sdk, by: ctx.sf.fileName });
}

function isWithin(node: ts.Node, outer: ts.Node): boolean {
  return node.pos >= outer.pos && node.end <= outer.end;
}

/** `const MODEL = 'gpt-4o'` inside the site's own range (an IIFE, a callback): still a constant of its own. */
function isDeclaredConstant(node: ts.Node): boolean {
  return ts.isVariableDeclaration(node.parent) && node.parent.initializer === node;
}

/** The object literal an expression is (inline, or a const the evaluator finds). */
export function objectOf(expr: ts.Expression | undefined, ev: Evaluator): ts.ObjectLiteralExpression | undefined {
  if (!expr) return undefined;
  if (ts.isObjectLiteralExpression(expr)) return expr;
  const value = ev.expr(expr);
  return value.k === 'object' ? value.node : undefined;
}

/** The initializer of property `name` of an object literal (shorthand: its name). */
export function propertyOf(object: ts.ObjectLiteralExpression | undefined, name: string): ts.Expression | undefined {
  for (const prop of object?.properties ?? []) {
    if (!prop.name || propertyNameText(prop.name) !== name) continue;
    if (ts.isPropertyAssignment(prop)) return prop.initializer;
    if (ts.isShorthandPropertyAssignment(prop)) return prop.name;
  }
  return undefined;
}

/** Sorted property names of an object literal; null when the options are not written as one. */
export function optionNames(object: ts.Expression | undefined): string[] | null {
  if (!object) return [];
  if (!ts.isObjectLiteralExpression(object)) return null;
  const names = new Set<string>();
  for (const prop of object.properties) {
    const name = prop.name && propertyNameText(prop.name);
    if (name) names.add(name);
  }
  return [...names].sort();
}

export type HostOwner = 'openai' | 'other' | 'unknown';

const OPENAI_URL_ENV = new Set(['OPENAI_BASE_URL', 'OPENAI_API_BASE', 'OPENAI_API_URL']);

/**
 * Whose endpoint a base URL option names: absent, OpenAI's host or `process.env.OPENAI_BASE_URL` (and its
 * aliases) is OpenAI; another literal host is another service; anything else cannot be told.
 */
export function baseUrlOwner(expr: ts.Expression | undefined, ev: Evaluator): HostOwner {
  if (!expr) return 'openai';
  let node = expr;
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node)) node = node.expression;
  if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    const left = baseUrlOwner(node.left, ev);
    const right = baseUrlOwner(node.right, ev);
    return left === right ? left : left === 'openai' && isEnvRead(node.left) ? right : 'unknown';
  }
  if (isEnvRead(node)) return OPENAI_URL_ENV.has(envName(node)!) ? 'openai' : 'unknown';
  if (node.kind === ts.SyntaxKind.UndefinedKeyword || (ts.isIdentifier(node) && node.text === 'undefined')) return 'openai';
  const value = ev.expr(node);
  if (value.k === 'string') return isOpenAiUrl(value.value) ? 'openai' : 'other';
  return 'unknown';
}

/** What qianyi writes for a provider's base URL: `process.env.ZHIPUAI_BASE_URL ?? 'https://open.bigmodel.cn/api/paas/v4'`. */
export function isProviderUrl(expr: ts.Expression | undefined, ev: Evaluator): boolean {
  if (!expr || !ts.isBinaryExpression(expr) || expr.operatorToken.kind !== ts.SyntaxKind.QuestionQuestionToken) return false;
  const env = envName(expr.left);
  if (!env || !/_BASE_URL$/.test(env) || OPENAI_URL_ENV.has(env)) return false;
  const fallback = ev.expr(expr.right);
  return fallback.k === 'string' && /^https?:\/\//.test(fallback.value) && !isOpenAiUrl(fallback.value);
}

/** The host of a base URL the evaluator finds as a string (`https://openrouter.ai/api/v1` → `openrouter.ai`). */
export function hostOf(expr: ts.Expression | undefined, ev: Evaluator): string | undefined {
  if (!expr) return undefined;
  const found = ev.expr(expr);
  if (found.k !== 'string') return undefined;
  try {
    return new URL(found.value).hostname.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

/** `https://api.openai.com/...` (any path, or none). */
export function isOpenAiUrl(url: string): boolean {
  return /^https?:\/\/api\.openai\.com(?:[/:?#]|$)/.test(url);
}

function isEnvRead(node: ts.Expression): boolean {
  return envName(node) !== undefined;
}

/** A source value, typed: the same object with the fields set. */
export function value(source: Sdk, type: string, fields: Omit<SourceValue, 'k' | 'source' | 'type'> = {}): SourceValue {
  return { k: 'source', source, type, ...fields };
}

/** The value as one of `source`'s, of one of `types`, or undefined. */
export function asSource(v: Value, source: Sdk, ...types: string[]): SourceValue | undefined {
  return v.k === 'source' && v.source === source && (types.length === 0 || types.includes(v.type)) ? v : undefined;
}

export const FOREIGN: Value = { k: 'foreign' };

/** The mode a tool_choice value written as a literal asks for (`'auto'`, `{ type: 'function', ... }`), else null. */
export function toolChoiceMode(value: ts.Expression | undefined): 'none' | 'auto' | 'required' | 'named' | null {
  if (!value) return null;
  if (ts.isObjectLiteralExpression(value)) return 'named';
  if (ts.isStringLiteralLike(value)) return value.text === 'none' || value.text === 'auto' || value.text === 'required' ? value.text : null;
  return null;
}
