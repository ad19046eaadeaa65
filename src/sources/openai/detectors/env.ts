import { ts } from '../../../analysis/typescript/parse.js';
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
  ctx.report(node, site);
}

/** The property an env read is the value of (`organization: process.env.OPENAI_ORG_ID ?? ''`), if any. */
function optionOf(node: ts.Node): string | undefined {
  let cur = node;
  while (
    ts.isParenthesizedExpression(cur.parent) || ts.isAsExpression(cur.parent) || ts.isNonNullExpression(cur.parent) ||
    (ts.isBinaryExpression(cur.parent) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(cur.parent.operatorToken.kind))
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
