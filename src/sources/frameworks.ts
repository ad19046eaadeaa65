/**
 * What the policy asks of the framework sources' sites (LangChain's classes, the AI SDK's providers): the
 * operation a site's requests perform once migrated, and the options a model id is written under. Light: no
 * parser behind it.
 */
import type { Site } from '../scan/sites.js';
import { FACTORIES } from './ai-sdk/surface.js';
import { CLASS_APIS } from './langchain/surface.js';
import { COMPATIBLE_VERSIONS } from './ai-sdk/packages.js';

/** The @ai-sdk/openai-compatible release the migration pins for an AI SDK site's app, or undefined (no release fits its `ai`). */
export function compatibleRelease(site: Site): string | undefined {
  return site.aiMajor === undefined ? undefined : COMPATIBLE_VERSIONS[site.aiMajor];
}

/** The openai SDK operation a framework client's own requests perform, or null for a client of the openai package. */
export function frameworkClientApi(site: Site): string | null {
  if (site.kind !== 'client') return null;
  if (site.sdk === 'langchain') return CLASS_APIS[site.name ?? ''] ?? null;
  return null;
}

/** The option names a framework client takes its model id under. */
export function frameworkModelOptions(site: Site): readonly string[] {
  return site.sdk === 'langchain' ? ['model', 'modelName'] : [];
}

/** AI SDK providers the migration can remake with createOpenAICompatible: OpenAI's default instance and its own. */
export const AI_SDK_OPENAI_PROVIDERS = new Set(['openai', 'createOpenAI', 'createOpenAICompatible']);

/**
 * The operation a site is judged by. The AI SDK's language models move to createOpenAICompatible's chat
 * models, so `openai(id)` (the Responses API from AI SDK 5) is judged as chat completions; an AI SDK model
 * site (`openai.embedding('...')`) by the factory that made it.
 */
export function judgedApi(site: Site): string | null {
  if (site.sdk !== 'ai-sdk') return site.api;
  if (site.kind === 'model') {
    if (!site.name) return null;
    const method = site.name.includes('.') ? site.name.slice(site.name.indexOf('.') + 1) : 'languageModel';
    const api = FACTORIES[method];
    return api === undefined ? null : api === 'language' || api === 'responses.create' ? 'chat.completions.create' : api;
  }
  return site.api === 'responses.create' ? 'chat.completions.create' : site.api;
}
