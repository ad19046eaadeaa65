import { ts } from '../../../analysis/typescript/parse.js';
import { keySource } from '../../openai/detectors/clients.js';
import { asSource, claimModel, optionNames } from '../../shared.js';
import type { Detector, SiteDraft } from '../../source.js';
import { CHATGPT_DEFAULT_MODEL, completionParams, inlineModel } from '../migrate.js';

/** `new ChatGPTAPI({...})`: the key, base URL and model (completionParams.model) live here. */
export const clients: Detector = {
  id: 'chatgpt-clients',
  description: 'ChatGPTAPI clients of the chatgpt package',
  detect(ctx) {
    for (const node of ctx.nodes.news) {
      const client = asSource(ctx.evaluator.expr(node), 'chatgpt', 'client');
      if (!client) continue;
      claimModel(ctx, { node: client.modelNode }, 'chatgpt', node);
      const arg = node.arguments?.[0];
      const options = arg && ts.isObjectLiteralExpression(arg) ? arg : undefined;
      const draft: SiteDraft = {
        kind: 'client', sdk: 'chatgpt', api: null, model: client.model ?? null, features: [],
        confidence: client.unsure && !client.endpoint && options ? 'likely' : 'certain', name: 'ChatGPTAPI', options: optionNames(arg),
      };
      if (client.endpoint) draft.endpoint = client.endpoint;
      const keyFrom = keySource(options, ctx);
      if (keyFrom) draft.keyFrom = keyFrom;
      // Its model moves with it: written in its completionParams, or the package's default when none is set.
      const model = inlineModel(options);
      if (options && model === 'other') {
        draft.held = completionParams(options) === 'other' ? 'its completionParams are built elsewhere' : 'its model is set where qianyi cannot follow it';
      } else if (options && model === 'absent') {
        if (completionParams(options) === 'absent') draft.model = CHATGPT_DEFAULT_MODEL;
        else draft.held = `its completionParams set no model, so the package sends ${CHATGPT_DEFAULT_MODEL}`;
      }
      ctx.report(node, draft);
    }
  },
};
