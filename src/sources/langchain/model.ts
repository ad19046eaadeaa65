/**
 * How LangChain values behave: its OpenAI classes make models that hold the model id (`new ChatOpenAI({ model })`),
 * `bindTools` / `withStructuredOutput` return the same model with tools or a schema, and `invoke`, `stream`,
 * `embedQuery` ... send the request.
 */
import { ts } from '../../analysis/typescript/parse.js';
import type { Evaluator, SourceValue, Value } from '../../analysis/typescript/evaluator.js';
import { baseUrlOwner, FOREIGN, hostOf, isProviderUrl, modelOf, objectOf, propertyOf, value, type HostOwner } from '../shared.js';
import type { SourceModel } from '../source.js';
import { CALL_METHODS, CLASS_APIS, methodKind, MODIFIERS, MODULE_CLASSES } from './surface.js';

function classExport(specifier: string, name: string): Value | undefined {
  const module = Object.keys(MODULE_CLASSES).find((m) => specifier === m);
  if (!module) return undefined;
  if (name === '*' || name === '=') return value('langchain', 'module', { name: module });
  return MODULE_CLASSES[module]!.includes(name) ? value('langchain', 'class', { name, api: CLASS_APIS[name] }) : undefined;
}

/** `new ChatOpenAI(fields, configuration)`: the model, and whose endpoint its client options name. */
function construct(cls: SourceValue, node: ts.NewExpression | undefined, ev: Evaluator): Value {
  const fields = objectOf(node?.arguments?.[0], ev);
  const config = objectOf(propertyOf(fields, 'configuration'), ev) ?? objectOf(node?.arguments?.[1], ev);
  const url = propertyOf(config, 'baseURL') ?? propertyOf(config, 'basePath');
  const atProvider = isProviderUrl(url, ev);
  let owner: HostOwner = atProvider ? 'openai' : baseUrlOwner(url, ev);
  if (node?.arguments?.[0] && !fields) owner = 'unknown';
  const modelExpr = propertyOf(fields, 'model') ?? propertyOf(fields, 'modelName');
  const { model, node: modelNode } = modelOf(modelExpr, ev);
  // Another host's model: reported as a client of that host, its model id not OpenAI's, nothing of it a call.
  if (owner === 'other') return value('langchain', 'foreign-instance', { name: cls.name, modelNode, url: hostOf(url, ev) ?? 'another host' });
  const features: string[] = [];
  const streaming = propertyOf(fields, 'streaming');
  if (streaming && streaming.kind === ts.SyntaxKind.TrueKeyword) features.push('stream');
  const responses = propertyOf(fields, 'useResponsesApi');
  const api = responses?.kind === ts.SyntaxKind.TrueKeyword ? 'responses.create' : cls.api;
  return value('langchain', 'instance', { name: cls.name, api, model, modelNode, features, unsure: owner === 'unknown', ...(node ? { origin: node } : {}), ...(atProvider ? { atProvider } : {}) });
}

/** What a modifier adds: `bindTools` tools, `withStructuredOutput` a JSON schema (or JSON mode, or a tool). */
function modified(method: SourceValue, call: ts.CallExpression, ev: Evaluator): Value {
  const base = method.base!;
  const features = new Set(base.features);
  if (method.name === 'bindTools') {
    features.add('tools');
    if (propertyOf(objectOf(call.arguments[1], ev), 'tool_choice')) features.add('tool_choice');
  } else if (method.name === 'withStructuredOutput') {
    const how = propertyOf(objectOf(call.arguments[1], ev), 'method');
    const mode = how && ts.isStringLiteralLike(how) ? how.text : undefined;
    features.add(mode === 'jsonMode' ? 'json_object' : mode === 'functionCalling' ? 'tools' : 'json_schema');
  } else if (method.name === 'bind') {
    const options = objectOf(call.arguments[0], ev);
    if (propertyOf(options, 'tools') || propertyOf(options, 'functions')) features.add('tools');
  }
  return { ...base, features: [...features].sort() };
}

export const langchainModel: SourceModel = {
  exportOf: classExport,
  member(base, name) {
    if (base.type === 'module') return classExport(base.name!, name) ?? FOREIGN;
    if (base.type !== 'instance') return FOREIGN;
    if (MODIFIERS.has(name) && methodKind(base.api) === 'model') return value('langchain', 'modifier', { name, base });
    if (CALL_METHODS[methodKind(base.api)]!.has(name)) return value('langchain', 'method', { name, base });
    return FOREIGN;
  },
  call(callee, call, ev) {
    return callee.type === 'modifier' ? modified(callee, call, ev) : FOREIGN;
  },
  construct(cls, node, ev) {
    return cls.type === 'class' ? construct(cls, node, ev) : FOREIGN;
  },
};
