import { ts } from '../../../analysis/typescript/parse.js';
import { asSource, claimModel, modelOf, objectOf, propertyOf } from '../../shared.js';
import { CHATGPT_DEFAULT_MODEL, completionParams } from '../migrate.js';
import type { Detector, SiteDraft } from '../../source.js';

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
      const client = method.base;
      const draft: SiteDraft = {
        kind: 'call', sdk: 'chatgpt', api: method.api, model: ref.model ?? client?.model ?? defaultModel(client?.origin),
        features: propertyOf(options, 'onProgress') ? ['stream'] : [], confidence: client?.unsure && !client.origin ? 'likely' : 'certain',
        name: 'sendMessage',
      };
      // A model of its own, written in the call: mapped there (else the client's is, at the client).
      if (ref.node) {
        const inCall = ref.node.getSourceFile() === ctx.sf && ref.node.pos >= call.pos && ref.node.end <= call.end;
        draft.modelAt = inCall ? 'call' : 'elsewhere';
        if (!inCall) draft.modelSite = ctx.siteId(ref.node, 'model');
      }
      if (client?.endpoint) draft.endpoint = client.endpoint;
      if (client?.origin) draft.clientSite = ctx.siteId(client.origin, 'client');
      ctx.report(call, draft);
    }
  },
};

/** The package's default model, for a client whose inline options set no completionParams. */
function defaultModel(made: ts.Node | undefined): string | null {
  const origin = made && ts.isNewExpression(made) ? made : undefined;
  const arg = origin?.arguments?.[0];
  const options = arg && ts.isObjectLiteralExpression(arg) ? arg : undefined;
  return origin && (!arg || (options && completionParams(options) === 'absent')) ? CHATGPT_DEFAULT_MODEL : null;
}
