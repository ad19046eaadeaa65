import { keySource, v3Configuration } from '../../openai/detectors/clients.js';
import { asSource, optionNames } from '../../shared.js';
import type { Detector } from '../../source.js';

/** `new OpenAIApi(configuration)` of openai-edge: the 3.x shape, so its options are the Configuration's. */
export const clients: Detector = {
  id: 'openai-edge-clients',
  description: 'OpenAIApi clients of openai-edge',
  detect(ctx) {
    for (const node of ctx.nodes.news) {
      const client = asSource(ctx.evaluator.expr(node), 'openai-edge', 'client');
      if (!client) continue;
      // As for the 3.x SDK: option names of a `new Configuration({...})` written inline or as a const of this file.
      const config = v3Configuration(node);
      const options = node.arguments?.[0] === undefined ? [] : config ? optionNames(config) : null;
      const keyFrom = keySource(config, ctx);
      ctx.report(node, {
        kind: 'client', sdk: 'openai-edge', api: null, model: null, features: [],
        confidence: 'certain', name: 'OpenAIApi', options,
        ...(client.endpoint ? { endpoint: client.endpoint } : {}),
        ...(keyFrom ? { keyFrom } : {}),
      });
    }
  },
};
