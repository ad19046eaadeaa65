import { ts } from '../../../analysis/typescript/parse.js';
import { isMigrated } from '../../labels.js';
import { envVarSdk } from '../surface.js';
import type { DetectContext, Detector, SiteDraft } from './context.js';

/** Reads of OpenAI and Azure OpenAI environment variables. */
export const env: Detector = {
  id: 'env',
  description: 'reads of OPENAI_* and AZURE_OPENAI_* environment variables (and the other names apps give them)',
  detect(ctx: DetectContext) {
    for (const read of ctx.nodes.envReads) {
      const name = ts.isPropertyAccessExpression(read) ? read.name.text : envKey(read.argumentExpression, ctx);
      if (name !== undefined) reportName(ctx, read, name);
      else if (ts.isElementAccessExpression(read)) reportDynamic(ctx, read);
    }
    for (const decl of ctx.nodes.envDestructures) {
      for (const element of (decl.name as ts.ObjectBindingPattern).elements) {
        const key = element.propertyName ?? element.name;
        if (ts.isIdentifier(key) || ts.isStringLiteral(key)) reportName(ctx, element, key.text);
      }
    }
    for (const call of ctx.nodes.calls) {
      // Deno.env.get("OPENAI_API_KEY")
      const callee = call.expression;
      const arg = call.arguments[0];
      if (
        ts.isPropertyAccessExpression(callee) && callee.name.text === 'get' && ts.isPropertyAccessExpression(callee.expression) &&
        callee.expression.name.text === 'env' && ts.isIdentifier(callee.expression.expression) &&
        callee.expression.expression.text === 'Deno' && arg && ts.isStringLiteral(arg)
      ) {
        reportName(ctx, call, arg.text);
      }
    }
  },
};

function reportName(ctx: DetectContext, node: ts.Node, name: string): void {
  const sdk = envVarSdk(name);
  if (!sdk) return;
  const site: SiteDraft = { kind: 'env', sdk, api: null, model: null, features: [], confidence: 'certain', name };
  const option = optionOf(node);
  if (option) site.option = option;
  const readBy = foreignReader(node, ctx);
  if (readBy) site.readBy = readBy;
  if (rawOpenAiHttp(ctx)) site.rawHttp = true;
  ctx.report(node, site);
}

/**
 * `process.env[name]` with a name known only at run time, as the key or base URL of an openai client: it may hold
 * OpenAI's key, and no variable can be renamed for it. Elsewhere such a read is any config lookup: not a site.
 */
function reportDynamic(ctx: DetectContext, read: ts.ElementAccessExpression): void {
  const option = optionOf(read);
  if (option !== 'apiKey' && option !== 'baseURL') return;
  let object: ts.Node = read;
  while (object.parent && !ts.isObjectLiteralExpression(object)) object = object.parent;
  const construction = object.parent;
  if (!construction || !ts.isNewExpression(construction) || construction.arguments?.[0] !== object) return;
  const client = ctx.evaluator.instanceOf(ctx.evaluator.expr(construction.expression));
  if (client.k !== 'client') return;
  const key = read.argumentExpression.getText(ctx.sf).replace(/\s+/g, ' ');
  ctx.report(read, {
    kind: 'env', sdk: client.sdk === 'azure-openai' ? 'azure-openai' : 'openai', api: null, model: null, features: [],
    confidence: 'likely', name: null, option, nameFrom: `process.env[${key.length > 40 ? `${key.slice(0, 37)}...` : key}]`,
  });
}

/** Calls that send an HTTP request themselves. */
const HTTP_CALLS = /^(fetch|\$fetch|ofetch|axios(\.\w+)?|got(\.\w+)?|ky(\.\w+)?|request|superagent(\.\w+)?|https?\.request|undici\.request)$/;
/** Constructors that only hold a value. */
const BUILTINS = new Set(['Map', 'Set', 'WeakMap', 'Array', 'Object', 'String', 'Number', 'Boolean', 'Error', 'Date']);

/**
 * The HTTP call or the construction the read is an argument of, when that is not the openai SDK (`fetch`,
 * `axios.post`, `new ChatOpenAI`): its callee as written. Changing the key there without its endpoint mixes a request.
 */
function foreignReader(node: ts.Node, ctx: DetectContext): string | undefined {
  for (let cur: ts.Node = node; cur.parent && !ts.isSourceFile(cur.parent); cur = cur.parent) {
    const parent = cur.parent;
    if (ts.isFunctionLike(parent) || ts.isBlock(parent)) return undefined;
    if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.some((a) => a === cur)) {
      const callee = parent.expression.getText(ctx.sf);
      if (ts.isCallExpression(parent)) return HTTP_CALLS.test(callee) ? callee : undefined;
      if (ctx.evaluator.instanceOf(ctx.evaluator.expr(parent.expression)).k === 'client') return undefined;
      // A class of a source migrate re-points (openai-edge's Configuration) holds the client options too.
      const cls = ctx.evaluator.expr(parent.expression);
      if (cls.k === 'source' && cls.type === 'class' && isMigrated(cls.source)) return undefined;
      // new Configuration({...}) of the 3.x SDK holds the client options.
      if (ctx.evaluator.expr(parent.expression).k === 'class' || BUILTINS.has(callee)) return undefined;
      return callee.length > 40 ? `${callee.slice(0, 37)}...` : callee;
    }
  }
  return undefined;
}

/** True when the file writes OpenAI's API host in a string: it sends hand-written HTTP requests there. */
function rawOpenAiHttp(ctx: DetectContext): boolean {
  // A client's own base URL option is not a hand-written request.
  const isBaseUrl = (n: ts.Node) => ts.isPropertyAssignment(n.parent) && ['baseURL', 'basePath'].includes(n.parent.name.getText(ctx.sf));
  return ctx.nodes.strings.some((s) => s.text.includes('api.openai.com') && !isBaseUrl(s)) ||
    ctx.nodes.templates.some((t) => t.head.text.includes('api.openai.com') && !isBaseUrl(t));
}

/**
 * The property an env read is the value of (`organization: process.env.OPENAI_ORG_ID ?? ''`, or part of it:
 * `Authorization: \`Bearer ${process.env.OPENAI_API_KEY}\``), if any.
 */
function optionOf(node: ts.Node): string | undefined {
  let cur = node;
  while (
    ts.isParenthesizedExpression(cur.parent) || ts.isAsExpression(cur.parent) || ts.isNonNullExpression(cur.parent) ||
    ts.isTemplateSpan(cur.parent) || ts.isTemplateExpression(cur.parent) ||
    (ts.isBinaryExpression(cur.parent) &&
      [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.PlusToken].includes(cur.parent.operatorToken.kind))
  ) {
    cur = cur.parent;
  }
  const parent = cur.parent;
  if (!parent || !ts.isPropertyAssignment(parent) || parent.initializer !== cur) return undefined;
  return ts.isIdentifier(parent.name) || ts.isStringLiteral(parent.name) ? parent.name.text : undefined;
}

/** The name in `process.env["NAME"]`, or in `process.env[NAME]` when NAME holds a string constant. */
function envKey(key: ts.Expression, ctx: DetectContext): string | undefined {
  if (ts.isStringLiteralLike(key)) return key.text;
  const value = ctx.evaluator.expr(key);
  return value.k === 'string' ? value.value : undefined;
}

/** `process.env` or `import.meta.env`. */
export function isEnvObject(node: ts.Expression): boolean {
  if (!ts.isPropertyAccessExpression(node) || node.name.text !== 'env') return false;
  const base = node.expression;
  return (ts.isIdentifier(base) && base.text === 'process') || ts.isMetaProperty(base);
}
