/**
 * What a call writes and reads that the model it will call may treat differently (src/policy/adapters.ts):
 * the message roles of its request, a few numeric fields, Qwen's thinking switch, a literal json_schema
 * response_format, and what the code reads back from its response (usage cache counters, an assistant
 * message rebuilt from `content`). Recorded on the call site, so the policy never reads the tree; the planner
 * finds the same nodes again with these helpers.
 */
import { ts } from '../../../analysis/typescript/parse.js';
import { lookup } from '../../../analysis/typescript/scope.js';
import { propertyNameText } from '../../../analysis/typescript/evaluator.js';
import type { AdaptFacts } from '../../../scan/sites.js';

/** Roles every OpenAI-compatible provider takes: only the others (`developer`) are recorded. */
const COMMON_ROLES = new Set(['system', 'user', 'assistant', 'tool']);

/** Numeric fields whose literal a model's range or fixed value is checked against (beyond `Site.params`). */
const NUMBERS = ['n', 'max_tokens', 'max_completion_tokens'];

export function adaptFacts(call: ts.CallExpression, request: ts.ObjectLiteralExpression | undefined): AdaptFacts | undefined {
  const facts: AdaptFacts = {};
  if (request) {
    const roles = messageRoles(request);
    const uncommon = roles.literals.map((l) => l.text).filter((r) => !COMMON_ROLES.has(r));
    if (uncommon.length > 0) facts.roles = [...new Set(uncommon)].sort();
    if (roles.computed) facts.rolesComputed = true;
    for (const name of NUMBERS) {
      const prop = property(request, name);
      if (!prop) continue;
      (facts.numbers ??= {})[name] = ts.isPropertyAssignment(prop) && ts.isNumericLiteral(unwrap(prop.initializer)) ? Number((unwrap(prop.initializer) as ts.NumericLiteral).text) : null;
    }
    const thinking = property(request, 'enable_thinking');
    if (thinking) {
      const init = ts.isPropertyAssignment(thinking) ? unwrap(thinking.initializer) : undefined;
      facts.enableThinking = init?.kind === ts.SyntaxKind.TrueKeyword ? true : init?.kind === ts.SyntaxKind.FalseKeyword ? false : null;
    }
    const switched = property(request, 'thinking');
    if (switched) {
      const object = ts.isPropertyAssignment(switched) ? unwrap(switched.initializer) : undefined;
      const type = object && ts.isObjectLiteralExpression(object) ? property(object, 'type') : undefined;
      const value = type && ts.isPropertyAssignment(type) ? unwrap(type.initializer) : undefined;
      facts.thinkingType = value && ts.isStringLiteralLike(value) && (value.text === 'enabled' || value.text === 'disabled') ? value.text : null;
    }
    if (jsonSchemaFormat(request)) facts.jsonSchemaLiteral = true;
  }
  const reads = responseReads(call);
  if (reads.cachedTokens.length > 0) facts.cachedTokensReads = reads.cachedTokens.map(span);
  if (reads.replays.length > 0) facts.contentReplays = reads.replays.map(span);
  return Object.keys(facts).length > 0 ? facts : undefined;
}

const span = (node: ts.Node): [number, number] => [node.getStart(), node.end];

function unwrap(node: ts.Expression): ts.Expression {
  while (ts.isAsExpression(node) || ts.isParenthesizedExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node)) node = node.expression;
  return node;
}

function property(object: ts.ObjectLiteralExpression, name: string): ts.ObjectLiteralElementLike | undefined {
  return object.properties.find((p) => !ts.isSpreadAssignment(p) && p.name !== undefined && propertyNameText(p.name) === name);
}

/** A const declared in the same file as an object or array literal: what `name` stands for, one level deep. */
function localLiteral(expr: ts.Expression): ts.Expression | undefined {
  const e = unwrap(expr);
  if (!ts.isIdentifier(e)) return e;
  const decl = lookup(e.text, e);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || decl.getSourceFile() !== e.getSourceFile()) return undefined;
  const list = decl.parent;
  if (!ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return undefined;
  return unwrap(decl.initializer);
}

/**
 * The `role` literals of the request's messages written in this file (an array literal, or a const array of
 * message literals), and whether some role there is computed or comes with a message from elsewhere. Messages
 * spread in (`...history`) are not followed: earlier turns are the app's own.
 */
export function messageRoles(request: ts.ObjectLiteralExpression): { literals: ts.StringLiteralLike[]; computed: boolean } {
  const literals: ts.StringLiteralLike[] = [];
  let computed = false;
  const prop = property(request, 'messages');
  const init = prop && ts.isPropertyAssignment(prop) ? prop.initializer : prop && ts.isShorthandPropertyAssignment(prop) ? prop.name : undefined;
  const array = init && localLiteral(init);
  if (!array || !ts.isArrayLiteralExpression(array)) return { literals, computed };
  for (const element of array.elements) {
    if (ts.isSpreadElement(element)) continue;
    const message = localLiteral(element);
    if (!message || !ts.isObjectLiteralExpression(message)) {
      // A message from elsewhere (a parameter, an import, a call): its role cannot be seen here.
      computed = true;
      continue;
    }
    const role = property(message, 'role');
    if (!role) continue;
    const value = ts.isPropertyAssignment(role) ? unwrap(role.initializer) : undefined;
    if (value && ts.isStringLiteralLike(value)) literals.push(value);
    else computed = true;
  }
  return { literals, computed };
}

/** The request's `response_format` when it is an object literal here with `type: 'json_schema'`. */
export function jsonSchemaFormat(request: ts.ObjectLiteralExpression): ts.PropertyAssignment | undefined {
  const prop = property(request, 'response_format');
  if (!prop || !ts.isPropertyAssignment(prop)) return undefined;
  const object = unwrap(prop.initializer);
  if (!ts.isObjectLiteralExpression(object)) return undefined;
  const type = property(object, 'type');
  const value = type && ts.isPropertyAssignment(type) ? unwrap(type.initializer) : undefined;
  return value && ts.isStringLiteralLike(value) && value.text === 'json_schema' ? prop : undefined;
}

/**
 * What the code reads back from the call's result, traced through the variable it is stored in (awaited or
 * not, destructured, iterated with for await, one message variable deep): reads of
 * `usage.prompt_tokens_details` (where OpenAI reports cache hits), and assistant messages rebuilt as
 * `{ role: 'assistant', content: m.content, tool_calls: m.tool_calls }` (dropping any reasoning).
 */
export function responseReads(call: ts.CallExpression): { cachedTokens: ts.Node[]; replays: ts.ObjectLiteralExpression[] } {
  const cachedTokens: ts.Node[] = [];
  const replays: ts.ObjectLiteralExpression[] = [];
  const seen = new Set<ts.Node>();
  const follow = (decl: ts.Node, path: string[], depth: number): void => {
    if (depth > 3 || seen.has(decl)) return;
    seen.add(decl);
    const name = ts.isVariableDeclaration(decl) || ts.isBindingElement(decl) ? decl.name : undefined;
    if (!name || !ts.isIdentifier(name)) return;
    for (const use of usesOf(name)) {
      // Walk out through property accesses: `res.usage.prompt_tokens_details.cached_tokens`.
      let node: ts.Node = use;
      const chain = [...path];
      while (node.parent && (ts.isPropertyAccessExpression(node.parent) || ts.isElementAccessExpression(node.parent) || ts.isNonNullExpression(node.parent)) && (node.parent as ts.Expression & { expression: ts.Node }).expression === node) {
        node = node.parent;
        if (ts.isPropertyAccessExpression(node)) chain.push(node.name.text);
      }
      const at = chain.indexOf('usage');
      if (at >= 0 && chain[at + 1] === 'prompt_tokens_details') {
        cachedTokens.push(node);
        continue;
      }
      if (chain.at(-1) === 'content' && chain.at(-2) === 'message' && isReplayContent(node)) {
        replays.push(node.parent.parent as ts.ObjectLiteralExpression);
        continue;
      }
      const parent = node.parent;
      if (parent && ts.isVariableDeclaration(parent) && parent.initializer === node) follow(parent, chain, depth + 1);
      else if (parent && ts.isAwaitExpression(parent) && ts.isVariableDeclaration(parent.parent) && parent.parent.initializer === parent) follow(parent.parent, chain, depth + 1);
      else if (parent && ts.isForOfStatement(parent) && parent.expression === node) {
        const d = ts.isVariableDeclarationList(parent.initializer) ? parent.initializer.declarations[0] : undefined;
        if (d) follow(d, [...chain, 'chunk'], depth + 1);
      }
    }
  };
  // The call's own result: `const res = await call`, `const { usage } = await call`, `const stream = call`.
  let top: ts.Node = call;
  while (top.parent && (ts.isAwaitExpression(top.parent) || ts.isParenthesizedExpression(top.parent))) top = top.parent;
  const decl = top.parent;
  if (decl && ts.isVariableDeclaration(decl) && decl.initializer === top) {
    if (ts.isIdentifier(decl.name)) follow(decl, [], 0);
    else if (ts.isObjectBindingPattern(decl.name)) {
      for (const element of decl.name.elements) {
        const key = element.propertyName ? propertyNameText(element.propertyName) : ts.isIdentifier(element.name) ? element.name.text : undefined;
        if (key) follow(element, [key], 0);
      }
    }
  }
  return { cachedTokens, replays };
}

/** `content: m.content` in an assistant message literal that also copies tool_calls and no reasoning. */
function isReplayContent(node: ts.Node): boolean {
  const prop = node.parent;
  if (!prop || !ts.isPropertyAssignment(prop) || prop.initializer !== node || propertyNameText(prop.name) !== 'content') return false;
  const object = prop.parent;
  if (!ts.isObjectLiteralExpression(object) || object.properties.some(ts.isSpreadAssignment)) return false;
  const role = property(object, 'role');
  const value = role && ts.isPropertyAssignment(role) ? unwrap(role.initializer) : undefined;
  if (!value || !ts.isStringLiteralLike(value) || value.text !== 'assistant') return false;
  return property(object, 'tool_calls') !== undefined && property(object, 'reasoning_content') === undefined;
}

/** The identifiers that refer to the declaration, looked for in the block (or loop, or file) that declares it. */
function usesOf(name: ts.Identifier): ts.Identifier[] {
  const found: ts.Identifier[] = [];
  const decl = name.parent;
  let scope: ts.Node = decl;
  while (scope.parent && !ts.isBlock(scope) && !ts.isSourceFile(scope) && !ts.isModuleBlock(scope) && !ts.isCaseClause(scope) && !ts.isIterationStatement(scope, false)) scope = scope.parent;
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node !== name && node.text === name.text && !isPropertyName(node) && lookup(node.text, node) === decl) found.push(node);
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return found;
}

function isPropertyName(node: ts.Identifier): boolean {
  const p = node.parent;
  return (ts.isPropertyAccessExpression(p) && p.name === node) || (ts.isPropertyAssignment(p) && p.name === node);
}
