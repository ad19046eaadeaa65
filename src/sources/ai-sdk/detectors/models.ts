import { asSource, claimModel } from '../../shared.js';
import type { DetectContext, Detector } from '../../source.js';
import { aiMajorOf } from '../model.js';

export function aiMajor(ctx: DetectContext): { aiMajor?: number } {
  const major = aiMajorOf(ctx.sf.fileName, ctx.evaluator);
  return major === undefined ? {} : { aiMajor: major };
}

/**
 * A model made with an OpenAI id outside a call of `ai` (`const model = openai('gpt-4o')`, a registry, a
 * middleware wrapper): a model site of the AI SDK, so the id moves only with its provider.
 */
export const models: Detector = {
  id: 'ai-sdk-models',
  description: "models made by @ai-sdk/openai providers (openai('gpt-4o'), openai.embedding(...)) outside a call of ai",
  detect(ctx) {
    for (const call of ctx.nodes.calls) {
      if (ctx.callModelLiterals.has(call)) continue;
      const value = ctx.evaluator.expr(call);
      const other = asSource(value, 'ai-sdk', 'other-model');
      if (other?.modelNode && other.modelNode.getSourceFile() === ctx.sf) ctx.callModelLiterals.add(other.modelNode);
      const model = asSource(value, 'ai-sdk', 'model');
      if (!model || !model.model || !call.arguments[0]) continue;
      claimModel(ctx, { node: model.modelNode }, 'ai-sdk', call);
      // openai(MODEL): the constant holds the id and is the model site (of the AI SDK).
      if (!model.modelNode || !ctx.callModelLiterals.has(model.modelNode)) continue;
      ctx.report(call, {
        kind: 'model', sdk: 'ai-sdk', api: null, model: model.model, features: [],
        confidence: model.unsure ? 'likely' : 'certain', name: model.name ?? null,
        provider: model.name?.split('.')[0] ?? 'openai',
        ...(model.origin ? { clientSite: ctx.siteId(model.origin, 'client') } : {}),
        ...aiMajor(ctx),
      });
    }
  },
};
