import { asSource, claimModel, optionNames } from '../../shared.js';
import type { Detector } from '../../source.js';

/** `new ChatOpenAI({...})`, `new OpenAIEmbeddings()`, `new OpenAI()` of LangChain: the model lives here. */
export const clients: Detector = {
  id: 'langchain-clients',
  description: 'constructions of LangChain OpenAI classes (ChatOpenAI, OpenAIEmbeddings, OpenAI, the Azure ones)',
  detect(ctx) {
    for (const node of ctx.nodes.news) {
      const instance = asSource(ctx.evaluator.expr(node), 'langchain', 'instance');
      if (!instance) continue;
      claimModel(ctx, { node: instance.modelNode }, 'langchain', node);
      ctx.report(node, {
        kind: 'client', sdk: 'langchain', api: null, model: instance.model ?? null, features: [],
        confidence: instance.unsure ? 'likely' : 'certain', name: instance.name ?? null, options: optionNames(node.arguments?.[0]),
      });
    }
  },
};
