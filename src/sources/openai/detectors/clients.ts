import { ts } from '../../../analysis/typescript/parse.js';
import { propertyNameText } from '../../../analysis/typescript/evaluator.js';
import { lookup } from '../../../analysis/typescript/scope.js';
import { isEnvObject } from './env.js';
import type { DetectContext, Detector } from './context.js';

/** `new OpenAI(...)`, `new AzureOpenAI(...)` and the 3.x `new OpenAIApi(...)`, however the class was imported. */
export const clients: Detector = {
  id: 'clients',
  description: 'client constructions of the openai package',
  detect(ctx: DetectContext) {
    for (const node of ctx.nodes.news) {
      const ctor = ctx.evaluator.expr(node.expression);
      const client = ctx.evaluator.instanceOf(ctor);
      if (client.k !== 'client') continue;
      const name = client.sdk === 'openai-v3' ? 'OpenAIApi' : client.sdk === 'azure-openai' ? 'AzureOpenAI' : 'OpenAI';
      const v3 = client.sdk === 'openai-v3';
      const endpoint = ctx.evaluator.endpointOf(node, ctor);
      // A subclass that builds its own options in its constructor: what `new` passes is not what OpenAI gets.
      const ownOptions = ctor.k === 'class' && ctor.sub?.members.some(ts.isConstructorDeclaration);
      const keyFrom = ownOptions ? undefined : keySource(v3 ? v3Configuration(node) : node.arguments?.[0], ctx);
      ctx.report(node, {
        kind: 'client',
        sdk: client.sdk,
        api: null,
        model: null,
        features: [],
        confidence: 'certain',
        name,
        options: ownOptions ? null : optionNames(node, v3),
        ...(endpoint.kind !== 'openai' ? { endpoint: endpoint.kind } : ownOptions ? { endpoint: 'unknown' as const } : {}),
        ...(endpoint.host && endpoint.kind !== 'openai' ? { host: endpoint.host } : {}),
        ...(keyFrom ? { keyFrom } : {}),
      });
    }
  },
};

/**
 * Sorted option names of the constructor's object literal (null when the options are not written inline);
 * for 3.x, of the `new Configuration({...})` it is given (see `v3Configuration`).
 */
function optionNames(node: ts.NewExpression, v3: boolean): string[] | null {
  const arg = node.arguments?.[0];
  if (!arg && !v3) return [];
  const object = v3 ? v3Configuration(node) : arg;
  if (!object || !ts.isObjectLiteralExpression(object)) return null;
  const names = new Set<string>();
  for (const prop of object.properties) {
    const name = prop.name && propertyNameText(prop.name);
    if (name) names.add(name);
  }
  return [...names].sort();
}

/** The options of a 3.x client: `new OpenAIApi(new Configuration({...}))`, or a Configuration const of this file. */
export function v3Configuration(node: ts.NewExpression): ts.ObjectLiteralExpression | undefined {
  let arg = node.arguments?.[0];
  if (arg && ts.isIdentifier(arg)) {
    const decl = lookup(arg.text, arg);
    arg = decl && ts.isVariableDeclaration(decl) ? decl.initializer : undefined;
  }
  const options = arg && ts.isNewExpression(arg) ? arg.arguments?.[0] : undefined;
  return options && ts.isObjectLiteralExpression(options) ? options : undefined;
}

/** Where the options' apiKey comes from, as written: `env:NAME`, `a string literal`, or its source text. */
export function keySource(options: ts.Expression | undefined, ctx: DetectContext, names: readonly string[] = ['apiKey']): string | undefined {
  if (!options || !ts.isObjectLiteralExpression(options)) return undefined;
  const prop = options.properties.find((p) => p.name && names.includes(propertyNameText(p.name) ?? ''));
  if (!prop) return undefined;
  if (!ts.isPropertyAssignment(prop) && !ts.isShorthandPropertyAssignment(prop)) return 'a method';
  let value: ts.Expression = ts.isShorthandPropertyAssignment(prop) ? prop.name : prop.initializer;
  while (ts.isParenthesizedExpression(value) || ts.isAsExpression(value) || ts.isNonNullExpression(value)) value = value.expression;
  // `process.env.X ?? ''`: the fallback is no key at all (what qianyi writes where the type needs a string).
  if (ts.isBinaryExpression(value) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(value.operatorToken.kind) &&
    ts.isStringLiteralLike(value.right) && value.right.text === '') {
    value = value.left;
  }
  // A const of this file that reads an env var: `const key = process.env.OPENAI_API_KEY`.
  if (ts.isIdentifier(value)) {
    const decl = lookup(value.text, value);
    const init = decl && ts.isVariableDeclaration(decl) ? decl.initializer : undefined;
    const env = init && envRead(init, ctx);
    if (env) return `env:${env}`;
  }
  const env = envRead(value, ctx);
  if (env) return `env:${env}`;
  if (ts.isStringLiteralLike(value) || ts.isTemplateExpression(value)) return 'a string literal';
  const text = value.getText().replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The name an env read reads: `process.env.NAME`, `process.env['NAME']`, or `process.env[NAME]` with NAME a string constant. */
function envRead(expr: ts.Expression, ctx: DetectContext): string | undefined {
  if (!ts.isPropertyAccessExpression(expr) && !ts.isElementAccessExpression(expr)) return undefined;
  if (!isEnvObject(expr.expression)) return undefined;
  if (ts.isPropertyAccessExpression(expr)) return expr.name.text;
  if (ts.isStringLiteralLike(expr.argumentExpression)) return expr.argumentExpression.text;
  const value = ctx.evaluator.expr(expr.argumentExpression);
  return value.k === 'string' ? value.value : undefined;
}
