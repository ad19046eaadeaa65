import { asSource, claimModel, optionNames } from '../../shared.js';
import type { Detector } from '../../source.js';

/** `new ChatGPTAPI({...})`: the key, base URL and model (completionParams.model) live here. */
export const clients: Detector = {
  id: 'chatgpt-clients',
  description: 'ChatGPTAPI clients of the chatgpt package',
  detect(ctx) {
    for (const node of ctx.nodes.news) {
      const client = asSource(ctx.evaluator.expr(node), 'chatgpt', 'client');
      if (!client) continue;
      claimModel(ctx, { node: client.modelNode }, 'chatgpt', node);
      ctx.report(node, {
        kind: 'client', sdk: 'chatgpt', api: null, model: client.model ?? null, features: [],
        confidence: client.unsure ? 'likely' : 'certain', name: 'ChatGPTAPI', options: optionNames(node.arguments?.[0]),
      });
    }
  },
};
