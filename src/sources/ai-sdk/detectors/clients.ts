import { asSource, optionNames } from '../../shared.js';
import type { Detector } from '../../source.js';

/**
 * `createOpenAI({...})`, `createAzure({...})`: a provider of the user's own (key, base URL, headers); also an
 * OpenAI-compatible provider pointed at OpenAI's URL.
 */
export const clients: Detector = {
  id: 'ai-sdk-clients',
  description: 'createOpenAI(...) providers of @ai-sdk/openai',
  detect(ctx) {
    for (const call of ctx.nodes.calls) {
      if (!asSource(ctx.evaluator.expr(call.expression), 'ai-sdk', 'create-provider', 'other-provider')) continue;
      const provider = asSource(ctx.evaluator.expr(call), 'ai-sdk', 'provider');
      if (!provider) continue;
      ctx.report(call, {
        kind: 'client', sdk: 'ai-sdk', api: null, model: null, features: [],
        confidence: provider.unsure ? 'likely' : 'certain', name: provider.name ?? 'createOpenAI', options: optionNames(call.arguments[0]),
      });
    }
  },
};
