import { ts } from '../../../analysis/typescript/parse.js';
import { propertyNameText } from '../../../analysis/typescript/evaluator.js';
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
        options: optionNames(node),
      });
    }
  },
};

/**
 * Sorted option names of the constructor's object literal (null when the options are not written inline);
 * for 3.x, of the `new Configuration({...})` written inline as its argument.
 */
function optionNames(node: ts.NewExpression): string[] | null {
  const arg = node.arguments?.[0];
  if (!arg) return [];
  let object: ts.Expression = arg;
  if (ts.isNewExpression(object) && object.arguments?.[0]) object = object.arguments[0];
  if (!ts.isObjectLiteralExpression(object)) return null;
  const names = new Set<string>();
  for (const prop of object.properties) {
    const name = prop.name && propertyNameText(prop.name);
    if (name) names.add(name);
  }
  return [...names].sort();
}
