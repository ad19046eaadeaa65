/**
 * The parts of a hand-written request to OpenAI that a migration rewrites together: where OpenAI's base URL
 * is written, the env reads its URL and Authorization key come from, and the constants (or client
 * instance) they are built from. The detector records them on the site and the planner edits them, from this
 * one analysis, so scan and migrate agree on which requests move whole and which stay as manual work.
 */
import { ts } from '../../analysis/typescript/parse.js';
import type { Evaluator, SourceValue } from '../../analysis/typescript/evaluator.js';
import { lookup } from '../../analysis/typescript/scope.js';
import { envName, objectOf, propertyOf } from '../shared.js';

/** OpenAI's base URL at the start of a string: what the provider's base URL replaces. */
const OPENAI_BASE = /^https?:\/\/api\.openai\.com(?::443)?\/v1(?=\/|$|\?|#)/;
/** Env vars that hold OpenAI's base URL and that the migration renames to the provider's. */
const URL_ENV = new Set(['OPENAI_BASE_URL', 'OPENAI_API_BASE']);
const KEY_ENV = 'OPENAI_API_KEY';

export interface RequestNodes {
  client: string;
  url?: ts.Expression;
  body?: ts.Expression;
  /** The request's own options (fetch's init, axios's config, got/ky options): where its headers are. */
  options?: ts.ObjectLiteralExpression;
  /** The options of the instance the request is sent through (`axios.create({ baseURL, headers })`). */
  instance?: { options?: ts.ObjectLiteralExpression; decl?: ts.VariableDeclaration };
}

export interface RequestParts {
  /** The literal (or template head) that writes OpenAI's base URL; absent when OPENAI_BASE_URL alone holds it. */
  urlLiteral?: ts.StringLiteralLike | ts.TemplateHead;
  /** Length of OpenAI's base at the start of the literal's text. */
  baseLength: number;
  /** The literal is the fallback of an OpenAI base-URL env read (`process.env.OPENAI_BASE_URL ?? '...'`). */
  fallback: boolean;
  /** The env reads the URL and the key are (renamed with the request). */
  reads: ts.Expression[];
  /** The constants and instance the request is built from (each must serve only requests that move). */
  decls: ts.VariableDeclaration[];
  /** Why the URL, key and model cannot be rewritten together; absent when they can. */
  manual?: string;
}

/** Where the URL, body and options of a request are, by client and method. */
export function requestNodes(callee: SourceValue, call: ts.CallExpression, ev: Evaluator): RequestNodes | undefined {
  const [a0, a1, a2] = call.arguments;
  if (callee.type === 'fetch') {
    const options = objectOf(a1, ev);
    return { client: 'fetch', url: a0, body: propertyOf(options, 'body'), options };
  }
  const client = callee.type === 'client' ? callee : callee.type === 'method' ? callee.base : undefined;
  if (!client) return undefined;
  const name = client.name ?? 'http';
  const axios = name === 'axios';
  const instance = instanceOf(call.expression, callee.type === 'method');
  if (callee.type === 'client' || callee.name === 'request') {
    // axios(config), axios(url, config), got(url, options), ky(url, options)
    const config = objectOf(a0, ev);
    if (config) return { client: name, url: propertyOf(config, 'url'), body: propertyOf(config, axios ? 'data' : 'json'), options: config, instance };
    const options = objectOf(a1, ev);
    return { client: name, url: a0, body: propertyOf(options, axios ? 'data' : 'json'), options, instance };
  }
  if (axios) {
    const bodyless = callee.name === 'get' || callee.name === 'delete';
    return { client: name, url: a0, body: bodyless ? undefined : a1, options: objectOf(bodyless ? a1 : a2, ev), instance };
  }
  const options = objectOf(a1, ev);
  return { client: name, url: a0, body: propertyOf(options, 'json'), options, instance };
}

/** The instance a method is called on, when it is made with `create`/`extend` (inline, or a const). */
function instanceOf(callee: ts.Expression, isMethod: boolean): RequestNodes['instance'] {
  let target: ts.Expression = callee;
  if (isMethod && (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target))) target = target.expression;
  let decl: ts.VariableDeclaration | undefined;
  if (ts.isIdentifier(target)) {
    const binding = lookup(target.text, target);
    if (!binding || !ts.isVariableDeclaration(binding) || !binding.initializer) return undefined;
    decl = binding;
    target = binding.initializer;
  }
  while (ts.isParenthesizedExpression(target) || ts.isAsExpression(target)) target = target.expression;
  if (!ts.isCallExpression(target) || !ts.isPropertyAccessExpression(target.expression)) return undefined;
  if (!['create', 'extend'].includes(target.expression.name.text)) return undefined;
  const arg = target.arguments[0];
  return { options: arg && ts.isObjectLiteralExpression(arg) ? arg : undefined, decl };
}

/** The body object a request sends (`JSON.stringify({...})` unwrapped, a const followed). */
export function requestBody(body: ts.Expression | undefined, ev: Evaluator): ts.ObjectLiteralExpression | undefined {
  return objectOf(unwrapJson(body), ev);
}

function unwrapJson(body: ts.Expression | undefined): ts.Expression | undefined {
  if (body && ts.isCallExpression(body) && ts.isPropertyAccessExpression(body.expression) &&
    ts.isIdentifier(body.expression.expression) && body.expression.expression.text === 'JSON' &&
    body.expression.name.text === 'stringify') {
    return body.arguments[0];
  }
  return body;
}

/** The URL and key parts of a request to OpenAI, or why they cannot move together. */
export function requestParts(nodes: RequestNodes, sf: ts.SourceFile): RequestParts {
  const parts: RequestParts = { baseLength: 0, fallback: false, reads: [], decls: [] };
  const fail = (why: string): RequestParts => ({ ...parts, manual: why });
  const instance = nodes.instance;
  if (instance?.decl) parts.decls.push(instance.decl);
  // The URL: an absolute one in the call, or the instance's base URL.
  const url = origin(nodes.url, sf, parts);
  if (url !== 'found' && url !== 'relative') return fail(url);
  if (url === 'relative') {
    const base = instance?.options && (propertyOf(instance.options, 'baseURL') ?? propertyOf(instance.options, 'prefixUrl') ?? propertyOf(instance.options, 'prefixURL'));
    const own = nodes.options && propertyOf(nodes.options, 'baseURL');
    const at = own ?? base;
    if (!at) return fail('its base URL is set where qianyi cannot follow it');
    const found = origin(at, sf, parts);
    if (found === 'relative') return fail('its base URL is built at run time');
    if (found !== 'found') return fail(found);
  }
  // The key: the Authorization header of the request, else of the instance.
  const header = authorization(nodes.options) ?? authorization(instance?.options);
  if (!header) return fail('qianyi cannot find its Authorization header');
  const key = keyOf(header, sf, parts, 0);
  if (key) return fail(key);
  return parts;
}

type Origin = 'found' | 'relative' | string;

/** Finds the literal that writes OpenAI's base in a URL expression; a string is why it cannot be followed. */
function origin(expr: ts.Expression | undefined, sf: ts.SourceFile, parts: RequestParts, depth = 0): Origin {
  if (!expr || depth > 8) return 'its URL is built at run time';
  const node = strip(expr);
  if (ts.isStringLiteralLike(node)) {
    const match = OPENAI_BASE.exec(node.text);
    if (!match) return /^[a-z]+:/i.test(node.text) ? 'its URL writes OpenAI\'s host apart from /v1' : 'relative';
    parts.urlLiteral = node;
    parts.baseLength = match[0].length;
    return 'found';
  }
  if (ts.isTemplateExpression(node)) {
    const match = OPENAI_BASE.exec(node.head.text);
    if (match) {
      parts.urlLiteral = node.head;
      parts.baseLength = match[0].length;
      return 'found';
    }
    if (node.head.text === '') return origin(node.templateSpans[0]!.expression, sf, parts, depth + 1);
    return 'relative';
  }
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    if (op === ts.SyntaxKind.PlusToken) return origin(node.left, sf, parts, depth + 1);
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) {
      const env = envName(strip(node.left));
      if (env === undefined || !URL_ENV.has(env)) return 'its base URL is chosen at run time';
      parts.reads.push(strip(node.left));
      const right = origin(node.right, sf, parts, depth + 1);
      if (right === 'found') parts.fallback = parts.urlLiteral !== undefined && strip(node.right) === parts.urlLiteral;
      return right === 'found' && parts.fallback ? 'found' : 'its base URL falls back to a value qianyi cannot rewrite';
    }
    return 'its URL is built at run time';
  }
  const env = envName(node);
  if (env !== undefined) {
    if (!URL_ENV.has(env)) return `its base URL comes from ${env}`;
    parts.reads.push(node);
    return 'found';
  }
  if (ts.isIdentifier(node)) {
    const decl = constant(node, sf);
    if (decl === 'other-file') return 'its URL is written in another file';
    if (decl === 'exported') return `${node.text} is exported, so other files may send it too`;
    if (typeof decl === 'string') return 'its URL is built at run time';
    parts.decls.push(decl);
    return origin(decl.initializer, sf, parts, depth + 1);
  }
  return 'its URL is built at run time';
}

/** The Authorization header's value in a headers object (`headers: {...}` or `new Headers({...})`). */
function authorization(options: ts.ObjectLiteralExpression | undefined): ts.Expression | undefined {
  let headers = options && propertyOf(options, 'headers');
  if (headers && ts.isIdentifier(headers)) {
    const binding = lookup(headers.text, headers);
    headers = binding && ts.isVariableDeclaration(binding) ? binding.initializer : undefined;
  }
  if (headers && ts.isNewExpression(headers) && ts.isIdentifier(headers.expression) && headers.expression.text === 'Headers') headers = headers.arguments?.[0];
  if (!headers || !ts.isObjectLiteralExpression(headers)) return undefined;
  for (const prop of headers.properties) {
    if (!ts.isPropertyAssignment(prop)) continue;
    const name = ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name) ? prop.name.text : undefined;
    if (name?.toLowerCase() === 'authorization') return prop.initializer;
  }
  return undefined;
}

/** Follows `Bearer ${key}` to the env read of OPENAI_API_KEY; returns why not when it cannot. */
function keyOf(expr: ts.Expression, sf: ts.SourceFile, parts: RequestParts, depth: number): string | undefined {
  const node = strip(expr);
  if (depth > 6) return 'qianyi cannot follow its key';
  if (ts.isTemplateExpression(node) && /^bearer\s+$/i.test(node.head.text) && node.templateSpans.length === 1 && node.templateSpans[0]!.literal.text === '') {
    return keyValue(node.templateSpans[0]!.expression, sf, parts, depth + 1);
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken && ts.isStringLiteralLike(strip(node.left)) &&
    /^bearer\s+$/i.test((strip(node.left) as ts.StringLiteralLike).text)) {
    return keyValue(node.right, sf, parts, depth + 1);
  }
  if (ts.isIdentifier(node)) {
    const decl = constant(node, sf);
    if (typeof decl === 'string') return `its key comes from ${node.text}, which qianyi cannot follow`;
    parts.decls.push(decl);
    return keyOf(decl.initializer!, sf, parts, depth + 1);
  }
  return `its Authorization header is ${describe(node, sf)}, which qianyi cannot follow`;
}

function keyValue(expr: ts.Expression, sf: ts.SourceFile, parts: RequestParts, depth: number): string | undefined {
  let node = strip(expr);
  // `process.env.OPENAI_API_KEY ?? ''`: the fallback is no key at all.
  if (ts.isBinaryExpression(node) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(node.operatorToken.kind) &&
    ts.isStringLiteralLike(strip(node.right)) && (strip(node.right) as ts.StringLiteralLike).text === '') {
    node = strip(node.left);
  }
  const env = envName(node);
  if (env !== undefined) {
    if (env !== KEY_ENV) return `its key comes from ${env}`;
    parts.reads.push(node);
    return undefined;
  }
  if (ts.isIdentifier(node) && depth < 6) {
    const decl = constant(node, sf);
    if (typeof decl !== 'string') {
      parts.decls.push(decl);
      return keyValue(decl.initializer!, sf, parts, depth + 1);
    }
  }
  return `its key comes from ${describe(node, sf)}`;
}

/** A non-exported const of this file with an initializer, or why the name cannot be followed. */
function constant(id: ts.Identifier, sf: ts.SourceFile): ts.VariableDeclaration | 'other-file' | 'exported' | 'unknown' {
  const binding = lookup(id.text, id);
  if (binding && (ts.isImportSpecifier(binding) || ts.isImportClause(binding) || ts.isNamespaceImport(binding))) return 'other-file';
  if (!binding || !ts.isVariableDeclaration(binding) || !binding.initializer || binding.getSourceFile() !== sf) return 'unknown';
  if (!ts.isIdentifier(binding.name) || !ts.isVariableDeclarationList(binding.parent) || (binding.parent.flags & ts.NodeFlags.Const) === 0) return 'unknown';
  const statement = binding.parent.parent;
  if (ts.isVariableStatement(statement) && statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return 'exported';
  return binding;
}

function strip(expr: ts.Expression): ts.Expression {
  let node = expr;
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node) || ts.isSatisfiesExpression(node)) node = node.expression;
  return node;
}

function describe(node: ts.Node, sf: ts.SourceFile): string {
  const text = node.getText(sf).replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/**
 * The declarations among `decls` that something other than `requests` uses (a reference outside every
 * request to OpenAI in the file, an `export { X }`): rewriting them would change that other use too.
 */
export function usedElsewhere(decls: readonly ts.VariableDeclaration[], requests: readonly ts.Node[], parts: ReadonlySet<ts.VariableDeclaration>, sf: ts.SourceFile): ts.VariableDeclaration | undefined {
  for (const decl of decls) {
    const name = (decl.name as ts.Identifier).text;
    let outside = false;
    const visit = (node: ts.Node): void => {
      if (outside) return;
      if (ts.isIdentifier(node) && node.text === name && node !== decl.name && lookup(name, node) === decl) {
        // Inside the declaration of another request's part (a base URL const read by a URL const) is that part's use.
        const within = (n: ts.Node) => node.pos >= n.pos && node.end <= n.end;
        if (!requests.some(within) && ![...parts].some((d) => d !== decl && within(d))) outside = true;
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
    if (outside) return decl;
  }
  return undefined;
}
