import { ts } from '../../../analysis/typescript/parse.js';
import { asSource } from '../../shared.js';
import type { Detector } from '../../source.js';
import { STREAM_METHODS } from '../surface.js';

/** `llm.invoke(...)`, `llm.bindTools(tools).stream(...)`, `embeddings.embedQuery(...)`: the requests a model sends. */
export const calls: Detector = {
  id: 'langchain-calls',
  description: 'invoke/stream/batch/call/embedQuery/embedDocuments ... on a LangChain OpenAI model (also after bindTools, withStructuredOutput)',
  detect(ctx) {
    for (const call of ctx.nodes.calls) {
      const method = asSource(ctx.evaluator.expr(call.expression), 'langchain', 'method');
      const model = method?.base;
      if (!method || !model?.api) continue;
      const features = new Set(model.features);
      if (STREAM_METHODS.has(method.name!)) features.add('stream');
      ctx.report(call, {
        kind: 'call', sdk: 'langchain', api: model.api, model: model.model ?? null, features: [...features].sort(),
        confidence: model.unsure ? 'likely' : 'certain', name: `${model.name}.${method.name}`,
        ...(model.origin && ts.isNewExpression(model.origin) ? { clientSite: ctx.siteId(model.origin, 'client') } : {}),
      });
    }
  },
};
