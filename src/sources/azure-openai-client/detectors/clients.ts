import { ts } from '../../../analysis/typescript/parse.js';
import { asSource } from '../../shared.js';
import type { Detector } from '../../source.js';

/**
 * `new OpenAIClient(endpoint, credential)`. Its options are positional: reported as the credential's kind,
 * `AzureKeyCredential`, `OpenAIKeyCredential` (which talks to OpenAI itself) or a token credential (Entra ID).
 */
export const clients: Detector = {
  id: 'azure-openai-client-clients',
  description: 'OpenAIClient clients of @azure/openai 1.x',
  detect(ctx) {
    for (const node of ctx.nodes.news) {
      if (!asSource(ctx.evaluator.expr(node), 'azure-openai-client', 'client')) continue;
      ctx.report(node, {
        kind: 'client', sdk: 'azure-openai-client', api: null, model: null, features: [], confidence: 'certain',
        name: 'OpenAIClient', options: credentialOf(node),
      });
    }
  },
};

function credentialOf(node: ts.NewExpression): string[] | null {
  const args = node.arguments ?? [];
  // new OpenAIClient(new OpenAIKeyCredential(key)) talks to api.openai.com; (endpoint, credential) to Azure.
  const credential = args.length === 1 ? args[0] : args[1];
  if (credential && ts.isNewExpression(credential) && ts.isIdentifier(credential.expression)) return [credential.expression.text];
  return null;
}
