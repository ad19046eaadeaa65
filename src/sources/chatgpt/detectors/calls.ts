import { asSource, claimModel, modelOf, objectOf, propertyOf } from '../../shared.js';
import type { Detector } from '../../source.js';

/** `api.sendMessage(text, options)`: a chat completion; its own completionParams.model wins over the client's. */
export const calls: Detector = {
  id: 'chatgpt-calls',
  description: 'sendMessage calls of a ChatGPTAPI client',
  detect(ctx) {
    for (const call of ctx.nodes.calls) {
      const method = asSource(ctx.evaluator.expr(call.expression), 'chatgpt', 'method');
      if (!method?.api) continue;
      const options = objectOf(call.arguments[1], ctx.evaluator);
      const ref = modelOf(propertyOf(objectOf(propertyOf(options, 'completionParams'), ctx.evaluator), 'model'), ctx.evaluator);
      claimModel(ctx, ref, 'chatgpt', call);
      ctx.report(call, {
        kind: 'call', sdk: 'chatgpt', api: method.api, model: ref.model ?? method.base?.model ?? null,
        features: propertyOf(options, 'onProgress') ? ['stream'] : [], confidence: method.base?.unsure ? 'likely' : 'certain',
        name: 'sendMessage',
      });
    }
  },
};
