/**
 * The edit that re-points a hand-written request: OpenAI's base URL, where it is written, becomes the
 * provider's (`process.env.<ID>_BASE_URL ?? "<url>"` where an expression fits). Its key env read and its
 * model are edited as their own sites; which requests move at all is the policy's (policy.ts).
 */
import { ts } from '../../analysis/typescript/parse.js';
import type { Evaluator } from '../../analysis/typescript/evaluator.js';
import type { TextEdit } from '../../migrate/edits.js';
import { literalBody, stringLiteral, type Quote } from '../../migrate/literals.js';
import { requestBody, requestNodes, requestParts } from './request.js';

export interface Endpoint {
  /** The provider's base URL, and the env var that may override it. */
  url: string;
  env: string;
  quote: Quote;
}

function nodesOf(call: ts.CallExpression, ev: Evaluator) {
  const callee = ev.expr(call.expression);
  return callee.k === 'source' && callee.source === 'http' ? requestNodes(callee, call, ev) : undefined;
}

/** The request body object when it is written in this file (only that can be edited). */
export function httpRequestObject(call: ts.CallExpression, ev: Evaluator): ts.ObjectLiteralExpression | undefined {
  const nodes = nodesOf(call, ev);
  const body = nodes && requestBody(nodes.body, ev);
  return body?.getSourceFile() === call.getSourceFile() ? body : undefined;
}

/** The edits that point the request's URL at the provider; undefined when the request cannot be followed. */
export function endpointEdits(call: ts.CallExpression, ev: Evaluator, to: Endpoint): TextEdit[] | undefined {
  const sf = call.getSourceFile();
  const nodes = nodesOf(call, ev);
  if (!nodes) return undefined;
  const parts = requestParts(nodes, sf);
  if (parts.manual) return undefined;
  const literal = parts.urlLiteral;
  if (!literal) return [];
  const start = literal.getStart(sf);
  const base = parts.baseLength;
  const expr = `process.env.${to.env} ?? ${stringLiteral(to.url, to.quote)}`;
  const text = literal.text;
  if (ts.isTemplateHead(literal) || ts.isNoSubstitutionTemplateLiteral(literal)) {
    // Inside a template the base becomes a substitution (the prefix has no escapes: raw offsets are cooked ones).
    if (parts.fallback) return [{ start: start + 1, end: start + 1 + base, text: literalBody(to.url, '`') }];
    return [{ start: start + 1, end: start + 1 + base, text: `\${${expr}}` }];
  }
  const quote = sf.text[start] === '"' ? '"' : "'";
  if (parts.fallback) return [{ start: start + 1, end: start + 1 + base, text: literalBody(to.url, quote) }];
  const rest = text.slice(base);
  if (rest === '') {
    const parent = literal.parent;
    const wrap = ts.isBinaryExpression(parent) || ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent) ||
      (ts.isCallExpression(parent) && parent.expression === literal);
    return [{ start, end: literal.end, text: wrap ? `(${expr})` : expr }];
  }
  return [{ start, end: literal.end, text: `\`\${${expr}}${literalBody(rest, '`')}\`` }];
}
