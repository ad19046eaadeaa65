import { ts } from '../../../analysis/typescript/parse.js';
import { isCatalogModelId } from '../../openai/detectors/models.js';
import { asSource, claimModel, modelOf, objectOf, propertyOf } from '../../shared.js';
import type { Detector } from '../../source.js';

/** camelCase request options of OpenAIClient → the feature names of docs/site-model.md. */
const OPTION_FEATURES: Readonly<Record<string, string>> = {
  tools: 'tools', functions: 'tools', toolChoice: 'tool_choice', functionCall: 'tool_choice', seed: 'seed', n: 'n',
  logprobs: 'logprobs', temperature: 'temperature', topP: 'top_p', maxTokens: 'max_tokens',
};

/**
 * `client.getChatCompletions(deployment, messages, options)` and the other OpenAIClient methods. The model is
 * the deployment name when that name is an OpenAI model id (deployments are often named after their model).
 */
export const calls: Detector = {
  id: 'azure-openai-client-calls',
  description: 'getChatCompletions, streamChatCompletions, getEmbeddings ... of an @azure/openai 1.x OpenAIClient',
  detect(ctx) {
    for (const call of ctx.nodes.calls) {
      const method = asSource(ctx.evaluator.expr(call.expression), 'azure-openai-client', 'method');
      if (!method?.api) continue;
      const ref = modelOf(call.arguments[0], ctx.evaluator);
      const model = ref.model !== null && isCatalogModelId(ref.model) ? ref.model : null;
      if (model !== null) claimModel(ctx, ref, 'azure-openai-client', call);
      const features = new Set<string>();
      if (method.name!.startsWith('stream')) features.add('stream');
      const options = objectOf(call.arguments[2], ctx.evaluator);
      for (const [option, feature] of Object.entries(OPTION_FEATURES)) if (propertyOf(options, option)) features.add(feature);
      const format = objectOf(propertyOf(options, 'responseFormat'), ctx.evaluator);
      const type = propertyOf(format, 'type');
      if (type && ts.isStringLiteralLike(type) && (type.text === 'json_object' || type.text === 'json_schema')) {
        features.add('response_format');
        features.add(type.text);
      }
      ctx.report(call, {
        kind: 'call', sdk: 'azure-openai-client', api: method.api, model, features: [...features].sort(), confidence: 'certain',
        name: method.name ?? null,
      });
    }
  },
};
