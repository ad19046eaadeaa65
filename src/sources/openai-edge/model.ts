/**
 * How openai-edge values behave: the 3.x shape (`new OpenAIApi(new Configuration({ apiKey, basePath }))`,
 * `createChatCompletion(...)`) on fetch, for edge runtimes. Its results are fetch Responses (no `.data`).
 */
import { ts } from '../../analysis/typescript/parse.js';
import type { Evaluator, Value } from '../../analysis/typescript/evaluator.js';
import { V3_OPERATIONS } from '../openai/surface.js';
import { FOREIGN, objectOf, propertyOf, value } from '../shared.js';
import type { SourceModel } from '../source.js';

export const EDGE_MODULE = 'openai-edge';
const CLASSES = new Set(['Configuration', 'OpenAIApi']);

/** The options object of the Configuration a client is made with (inline, or a const). */
export function configurationOptions(node: ts.NewExpression | undefined, ev: Evaluator): ts.ObjectLiteralExpression | undefined {
  let arg = node?.arguments?.[0];
  if (arg && ts.isIdentifier(arg)) {
    const value = ev.expr(arg);
    return value.k === 'source' && value.type === 'configuration' ? value.options : undefined;
  }
  return arg && ts.isNewExpression(arg) ? objectOf(arg.arguments?.[0], ev) : undefined;
}

function exportOf(specifier: string, name: string): Value | undefined {
  if (specifier !== EDGE_MODULE) return undefined;
  if (name === '*' || name === '=') return value('openai-edge', 'module');
  return CLASSES.has(name) ? value('openai-edge', 'class', { name }) : undefined;
}

export const openaiEdgeModel: SourceModel = {
  exportOf,
  member(base, name) {
    if (base.type === 'module') return exportOf(EDGE_MODULE, name) ?? FOREIGN;
    if (base.type === 'client' && V3_OPERATIONS[name]) return value('openai-edge', 'method', { name, api: V3_OPERATIONS[name], base });
    return FOREIGN;
  },
  construct(cls, node, ev) {
    if (cls.type !== 'class') return FOREIGN;
    // The Configuration keeps its options object for the client made from it.
    if (cls.name === 'Configuration') return value('openai-edge', 'configuration', { options: objectOf(node?.arguments?.[0], ev) });
    const options = configurationOptions(node, ev);
    const endpoint = ev.baseUrlEndpoint(propertyOf(options, 'basePath')).kind;
    if (endpoint === 'foreign') return FOREIGN;
    return value('openai-edge', 'client', {
      name: 'OpenAIApi', unsure: endpoint === 'unknown' || (node?.arguments?.[0] !== undefined && !options),
      ...(node ? { origin: node } : {}), ...(endpoint !== 'openai' ? { endpoint } : {}),
    });
  },
};
