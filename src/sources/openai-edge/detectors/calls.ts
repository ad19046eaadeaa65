import { requestFeatures, requestObject } from '../../openai/detectors/features.js';
import { asSource, claimModel, modelOf, propertyOf } from '../../shared.js';
import type { Detector } from '../../source.js';

/** `openai.createChatCompletion({...})` and the other 3.x-shaped methods of an openai-edge client. */
export const calls: Detector = {
  id: 'openai-edge-calls',
  description: 'createChatCompletion, createCompletion, createEmbedding ... of an openai-edge client',
  detect(ctx) {
    for (const call of ctx.nodes.calls) {
      const method = asSource(ctx.evaluator.expr(call.expression), 'openai-edge', 'method');
      if (!method?.api) continue;
      const request = requestObject(call, ctx.evaluator);
      const ref = modelOf(propertyOf(request, 'model'), ctx.evaluator);
      claimModel(ctx, ref, 'openai-edge', call);
      ctx.report(call, {
        kind: 'call', sdk: 'openai-edge', api: method.api, model: ref.model, features: requestFeatures('create', request, ctx.evaluator),
        confidence: method.base?.unsure ? 'likely' : 'certain', name: method.name ?? null,
      });
    }
  },
};
