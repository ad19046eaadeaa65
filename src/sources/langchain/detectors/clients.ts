import { ts } from '../../../analysis/typescript/parse.js';
import { keySource } from '../../openai/detectors/clients.js';
import { asSource, claimModel, optionNames, propertyOf } from '../../shared.js';
import type { Detector, SiteDraft } from '../../source.js';

/** The option names LangChain's OpenAI classes take a key under. */
export const KEY_OPTIONS = ['apiKey', 'openAIApiKey'];
export const MODEL_OPTIONS = ['model', 'modelName'];

/** `new ChatOpenAI({...})`, `new OpenAIEmbeddings()`, `new OpenAI()` of LangChain: the model lives here. */
export const clients: Detector = {
  id: 'langchain-clients',
  description: 'constructions of LangChain OpenAI classes (ChatOpenAI, OpenAIEmbeddings, OpenAI, the Azure ones)',
  detect(ctx) {
    for (const node of ctx.nodes.news) {
      const instance = asSource(ctx.evaluator.expr(node), 'langchain', 'instance');
      if (!instance) continue;
      claimModel(ctx, { node: instance.modelNode }, 'langchain', node);
      const fields = node.arguments?.[0];
      const options = optionNames(fields);
      const draft: SiteDraft = {
        kind: 'client', sdk: 'langchain', api: null, model: instance.model ?? null, features: [],
        confidence: instance.unsure ? 'likely' : 'certain', name: instance.name ?? null, options,
      };
      // The migration edits the `configuration` written inline; one built elsewhere (or a second argument) may hold a base URL.
      const config = fields && ts.isObjectLiteralExpression(fields) ? propertyOf(fields, 'configuration') : undefined;
      if (instance.unsure || (config && !ts.isObjectLiteralExpression(config)) || (node.arguments?.length ?? 0) > 1) draft.endpoint = 'unknown';
      if (instance.atProvider && !draft.endpoint) draft.endpoint = 'provider';
      const keyFrom = keySource(fields, ctx, KEY_OPTIONS);
      if (keyFrom) draft.keyFrom = keyFrom;
      if (instance.modelNode) {
        const inline = fields && ts.isObjectLiteralExpression(fields) && MODEL_OPTIONS.some((o) => propertyOf(fields, o) === instance.modelNode);
        draft.modelAt = inline ? 'call' : 'elsewhere';
        if (!inline) draft.modelSite = ctx.siteId(instance.modelNode, 'model');
      }
      ctx.report(node, draft);
    }
  },
};
