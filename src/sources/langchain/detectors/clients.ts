import { ts } from '../../../analysis/typescript/parse.js';
import { keySource } from '../../openai/detectors/clients.js';
import { asSource, claimModel, optionNames, propertyOf } from '../../shared.js';
import type { Detector, SiteDraft } from '../../source.js';

/** The option names LangChain's OpenAI classes take a key under. */
export const KEY_OPTIONS = ['apiKey', 'openAIApiKey'];
export const MODEL_OPTIONS = ['model', 'modelName'];
/** LangChain's names for the request fields whose range differs between providers. */
export const RANGED_OPTIONS: Readonly<Record<string, string>> = {
  temperature: 'temperature', topP: 'top_p', frequencyPenalty: 'frequency_penalty', presencePenalty: 'presence_penalty',
};

/** `new ChatOpenAI({...})`, `new OpenAIEmbeddings()`, `new OpenAI()` of LangChain: the model lives here. */
export const clients: Detector = {
  id: 'langchain-clients',
  description: 'constructions of LangChain OpenAI classes (ChatOpenAI, OpenAIEmbeddings, OpenAI, the Azure ones)',
  detect(ctx) {
    for (const node of ctx.nodes.news) {
      const made = ctx.evaluator.expr(node);
      const foreign = asSource(made, 'langchain', 'foreign-instance');
      if (foreign) {
        if (foreign.modelNode && foreign.modelNode.getSourceFile() === ctx.sf) ctx.callModelLiterals.add(foreign.modelNode);
        ctx.report(node, {
          kind: 'client', sdk: 'langchain', api: null, model: null, features: [], confidence: 'certain', name: foreign.name ?? null,
          options: optionNames(node.arguments?.[0]), endpoint: 'foreign', host: foreign.url!,
        });
        continue;
      }
      const instance = asSource(made, 'langchain', 'instance');
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
      const params = fields && ts.isObjectLiteralExpression(fields) ? rangedParams(fields) : undefined;
      if (params) draft.params = params;
      ctx.report(node, draft);
    }
  },
};

/** The ranged fields the options set, by their openai SDK name: the number literal, else null. */
function rangedParams(fields: ts.ObjectLiteralExpression): Record<string, number | null> | undefined {
  let found: Record<string, number | null> | undefined;
  for (const [option, field] of Object.entries(RANGED_OPTIONS)) {
    const value = propertyOf(fields, option);
    if (!value) continue;
    found ??= {};
    found[field] = numberOf(value);
  }
  return found;
}

function numberOf(node: ts.Expression): number | null {
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand)) return -Number(node.operand.text);
  return null;
}
