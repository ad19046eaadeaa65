/**
 * How the `chatgpt` package's values behave: `new ChatGPTAPI({ apiKey, apiBaseUrl, completionParams: { model } })`
 * and `api.sendMessage(text, { onProgress })`, a chat completion (streamed when onProgress is given).
 */
import type { Value } from '../../analysis/typescript/evaluator.js';
import { FOREIGN, modelOf, objectOf, propertyOf, value } from '../shared.js';
import type { SourceModel } from '../source.js';

export const CHATGPT_MODULE = 'chatgpt';

function exportOf(specifier: string, name: string): Value | undefined {
  if (specifier !== CHATGPT_MODULE) return undefined;
  if (name === '*' || name === '=') return value('chatgpt', 'module');
  return name === 'ChatGPTAPI' ? value('chatgpt', 'class', { name }) : undefined;
}

export const chatgptModel: SourceModel = {
  exportOf,
  member(base, name) {
    if (base.type === 'module') return exportOf(CHATGPT_MODULE, name) ?? FOREIGN;
    if (base.type === 'client' && name === 'sendMessage') return value('chatgpt', 'method', { name, api: 'chat.completions.create', base });
    return FOREIGN;
  },
  construct(cls, node, ev) {
    if (cls.type !== 'class') return FOREIGN;
    const options = objectOf(node?.arguments?.[0], ev);
    const endpoint = ev.baseUrlEndpoint(propertyOf(options, 'apiBaseUrl')).kind;
    if (endpoint === 'foreign') return FOREIGN;
    const { model, node: modelNode } = modelOf(propertyOf(objectOf(propertyOf(options, 'completionParams'), ev), 'model'), ev);
    return value('chatgpt', 'client', {
      name: 'ChatGPTAPI', model, modelNode, unsure: endpoint === 'unknown' || (node?.arguments?.[0] !== undefined && !options),
      ...(node ? { origin: node } : {}), ...(endpoint !== 'openai' ? { endpoint } : {}),
    });
  },
};
