/**
 * How AI SDK values behave: `@ai-sdk/openai`'s default `openai` provider and `createOpenAI(...)` make models
 * (`openai('gpt-4o')`, `openai.embedding(...)`); `ai`'s functions and agents take them as `model`.
 */
import { ts } from '../../analysis/typescript/parse.js';
import type { SourceValue, Value } from '../../analysis/typescript/evaluator.js';
import type { Evaluator } from '../../analysis/typescript/evaluator.js';
import { dependencyMajor } from '../manifest.js';
import { baseUrlOwner, FOREIGN, hostOf, modelOf, objectOf, propertyOf, value } from '../shared.js';
import type { SourceModel } from '../source.js';
import { AGENT_CLASSES, FACTORIES, FRAMEWORK_CALLS, languageApi } from './surface.js';

export const PROVIDER_MODULE = '@ai-sdk/openai';
/** Azure OpenAI through the AI SDK: the same provider shape, deployments for ids. */
export const AZURE_MODULE = '@ai-sdk/azure';
/** Packages of `ai` itself that are not providers. */
const NOT_PROVIDERS = new Set(['@ai-sdk/provider', '@ai-sdk/provider-utils', '@ai-sdk/ui-utils', '@ai-sdk/react', '@ai-sdk/vue', '@ai-sdk/svelte', '@ai-sdk/rsc']);

/** Another provider's package (`@ai-sdk/anthropic`, `@ai-sdk/openai-compatible`, `@ai-sdk/cerebras` ...). */
export function isOtherProviderModule(specifier: string): boolean {
  return specifier.startsWith('@ai-sdk/') && specifier !== PROVIDER_MODULE && specifier !== AZURE_MODULE && !NOT_PROVIDERS.has(specifier);
}

/** The `ai` major the package.json nearest to a file names (@ai-sdk/openai N.x goes with ai N+3.x). */
export function aiMajorOf(file: string, ev: Evaluator): number | undefined {
  const ai = dependencyMajor(file, 'ai', ev);
  if (ai !== null) return ai;
  const openai = dependencyMajor(file, PROVIDER_MODULE, ev);
  return openai === null ? undefined : openai + 3;
}

const provider = (fields: Omit<SourceValue, 'k' | 'source' | 'type'>) => value('ai-sdk', 'provider', fields);

function aiExport(name: string): Value | undefined {
  if (name in FRAMEWORK_CALLS) return value('ai-sdk', 'function', { name });
  if (AGENT_CLASSES.has(name)) return value('ai-sdk', 'agent-class', { name });
  return undefined;
}

function providerExport(name: string): Value | undefined {
  if (name === 'openai' || name === 'azure') return provider({ name });
  if (name === 'createOpenAI' || name === 'createAzure') return value('ai-sdk', 'create-provider', { name });
  return undefined;
}

/** A model made by a provider: `openai(id)`, `openai.chat(id)` ... */
function makeModel(call: ts.CallExpression, api: string, name: string, from: SourceValue, ev: Evaluator): Value {
  const resolved = api === 'language'
    ? languageApi(dependencyMajor(call.getSourceFile().fileName, PROVIDER_MODULE, ev))
    : api;
  const { model, node } = modelOf(call.arguments[0], ev);
  return value('ai-sdk', 'model', { name, api: resolved, model, modelNode: node, unsure: from.unsure, madeBy: call, ...(from.origin ? { origin: from.origin } : {}) });
}

/**
 * Another provider's package. Its create function makes a provider, its provider makes models whose ids are
 * that service's, never sites; except the OpenAI-compatible providers pointed at OpenAI's own URL, which are
 * OpenAI (chat completions for @ai-sdk/openai-compatible, the Responses API for @ai-sdk/open-responses).
 */
function otherProviderCall(callee: SourceValue, call: ts.CallExpression, ev: Evaluator): Value {
  const arg = call.arguments[0];
  const options = callee.type === 'other-provider' && arg && !ts.isStringLiteralLike(arg) ? objectOf(arg, ev) : undefined;
  if (!options) return value('ai-sdk', 'other-model', { modelNode: modelOf(arg, ev).node });
  const compatible = callee.name === '@ai-sdk/openai-compatible' ? 'chat.completions.create' : callee.name === '@ai-sdk/open-responses' ? 'responses.create' : undefined;
  const url = propertyOf(options, 'baseURL') ?? propertyOf(options, 'url');
  if (compatible && url && baseUrlOwner(url, ev) === 'openai') {
    return provider({ name: callee.name === '@ai-sdk/openai-compatible' ? 'createOpenAICompatible' : 'createOpenResponses', api: compatible, origin: call });
  }
  return value('ai-sdk', 'other-provider');
}

export const aiSdkModel: SourceModel = {
  exportOf(specifier, name) {
    if (specifier === PROVIDER_MODULE || specifier === AZURE_MODULE) {
      return name === '*' || name === '=' ? value('ai-sdk', 'provider-module') : providerExport(name);
    }
    // Its models, and the ids written in them, are that provider's: never OpenAI sites.
    if (isOtherProviderModule(specifier)) return value('ai-sdk', 'other-provider', { name: specifier });
    if (specifier === 'ai' || specifier === 'ai/rsc') {
      return name === '*' || name === '=' ? value('ai-sdk', 'ai-module') : aiExport(name);
    }
    return undefined;
  },
  member(base, name) {
    if (base.type === 'provider-module') return providerExport(name) ?? FOREIGN;
    if (base.type === 'ai-module') return aiExport(name) ?? FOREIGN;
    if (base.type === 'other-provider') return value('ai-sdk', FACTORIES[name] ? 'other-factory' : 'other-provider');
    if (base.type === 'provider' && FACTORIES[name]) {
      return value('ai-sdk', 'factory', { name: `${base.name}.${name}`, api: FACTORIES[name], base, unsure: base.unsure });
    }
    return FOREIGN;
  },
  call(callee, call, ev) {
    if (callee.type === 'create-provider') {
      // createOpenAI({ baseURL }) pointed at another service is not OpenAI's (OpenRouter, a gateway ...).
      const options = objectOf(call.arguments[0], ev);
      // createAzure's baseURL is the Azure resource's: Azure OpenAI either way.
      const owner = callee.name === 'createAzure' ? 'openai' : baseUrlOwner(propertyOf(options, 'baseURL') ?? propertyOf(options, 'baseUrl'), ev);
      // Kept as a client of another host: reported, never re-pointed, its models not sites.
      if (owner === 'other') return value('ai-sdk', 'other-provider', { origin: call, url: hostOf(propertyOf(options, 'baseURL') ?? propertyOf(options, 'baseUrl'), ev) ?? 'another host' });
      return provider({ name: callee.name, unsure: owner === 'unknown' || (call.arguments[0] !== undefined && !options), origin: call });
    }
    if (callee.type === 'other-provider' || callee.type === 'other-factory') return otherProviderCall(callee, call, ev);
    if (callee.type === 'provider') return makeModel(call, callee.api ?? 'language', callee.name ?? 'openai', callee, ev);
    if (callee.type === 'factory' && callee.api && callee.base) return makeModel(call, callee.api, callee.name!, callee.base, ev);
    return FOREIGN;
  },
  construct() {
    return FOREIGN;
  },
};
