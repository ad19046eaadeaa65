import { ts } from '../../../analysis/typescript/parse.js';
import { rangedParams, toolChoiceOf } from '../../openai/detectors/calls.js';
import { requestFeatures, requestObject } from '../../openai/detectors/features.js';
import { asSource, claimModel, modelOf, propertyOf } from '../../shared.js';
import type { Detector, SiteDraft } from '../../source.js';

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
      const client = method.base;
      const draft: SiteDraft = {
        kind: 'call', sdk: 'openai-edge', api: method.api, model: ref.model, features: requestFeatures('create', request, ctx.evaluator),
        confidence: client?.unsure && !client.origin ? 'likely' : 'certain', name: method.name ?? null,
      };
      if (call.arguments.length > 0) draft.request = !request ? 'unresolved' : request.getSourceFile() === ctx.sf ? 'in-file' : 'other-file';
      if (ref.node) {
        // Written in the call (not a const declared inside it): the call reports it; else its model site does.
        const inCall = ref.node.getSourceFile() === ctx.sf && ref.node.pos >= call.pos && ref.node.end <= call.end &&
          !(ts.isVariableDeclaration(ref.node.parent) && ref.node.parent.initializer === ref.node);
        draft.modelAt = inCall ? 'call' : 'elsewhere';
        if (!inCall) draft.modelSite = ctx.siteId(ref.node, 'model');
      }
      if (request) {
        const params = rangedParams(request);
        if (params) draft.params = params;
        if (draft.features.includes('tool_choice')) draft.toolChoice = toolChoiceOf(request);
      }
      if (client?.endpoint) draft.endpoint = client.endpoint;
      if (client?.origin) draft.clientSite = ctx.siteId(client.origin, 'client');
      ctx.report(call, draft);
    }
  },
};
