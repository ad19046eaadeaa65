import { ts } from '../../../analysis/typescript/parse.js';
import { propertyNameText } from '../../../analysis/typescript/evaluator.js';
import { lookup } from '../../../analysis/typescript/scope.js';
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
      ctx.report(node, {
        kind: 'client',
        sdk: client.sdk,
        api: null,
        model: null,
        features: [],
        confidence: 'certain',
        name,
        options: optionNames(node, client.sdk === 'openai-v3'),
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
