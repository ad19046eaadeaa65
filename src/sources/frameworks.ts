/**
 * What the policy asks of a framework's client sites (LangChain's classes): the operation the client's own
 * requests perform and the options its model id is written under. Light: no parser behind it.
 */
import type { Site } from '../scan/sites.js';
import { CLASS_APIS } from './langchain/surface.js';

/** The openai SDK operation a framework client's requests perform, or null for a client of the openai package. */
export function frameworkClientApi(site: Site): string | null {
  if (site.kind !== 'client') return null;
  if (site.sdk === 'langchain') return CLASS_APIS[site.name ?? ''] ?? null;
  return null;
}

/** The option names a framework client takes its model id under. */
export function frameworkModelOptions(site: Site): readonly string[] {
  return site.sdk === 'langchain' ? ['model', 'modelName'] : [];
}
