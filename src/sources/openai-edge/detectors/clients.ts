import { ts } from '../../../analysis/typescript/parse.js';
import { asSource, optionNames } from '../../shared.js';
import type { Detector } from '../../source.js';

/** `new OpenAIApi(configuration)` of openai-edge. */
export const clients: Detector = {
  id: 'openai-edge-clients',
  description: 'OpenAIApi clients of openai-edge',
  detect(ctx) {
    for (const node of ctx.nodes.news) {
      const client = asSource(ctx.evaluator.expr(node), 'openai-edge', 'client');
      if (!client) continue;
      // As for the 3.x SDK: option names only for a `new Configuration({...})` written inline.
      const inline = node.arguments?.[0];
      const options = inline && ts.isNewExpression(inline) ? optionNames(inline.arguments?.[0]) : null;
      ctx.report(node, {
        kind: 'client', sdk: 'openai-edge', api: null, model: null, features: [],
        confidence: client.unsure ? 'likely' : 'certain', name: 'OpenAIApi', options,
      });
    }
  },
};
