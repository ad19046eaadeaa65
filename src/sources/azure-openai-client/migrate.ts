/**
 * `@azure/openai` 1.x has no base-URL option a provider can take (its OpenAIClient builds Azure's deployment
 * paths), so its sites stay manual work; the marker names the client to use instead and, where the
 * deployment name is an OpenAI model id, the provider model it maps to.
 */
import type { Site } from '../../scan/sites.js';

/** Credentials that are keys; anything else passed to OpenAIClient is an Entra ID (token) credential. */
const KEY_CREDENTIALS = new Set(['AzureKeyCredential', 'OpenAIKeyCredential']);

export interface AzureNoteContext {
  provider: string;
  keyEnv: string;
  baseURL: string;
  /** The provider model an OpenAI model id maps to; null when the provider has none of its kind; undefined when the id is not OpenAI's. */
  mapped(model: string): string | null | undefined;
  /** The endpoint the call needs, when the provider lacks it (`the embeddings endpoint`). */
  lacks?: string;
}

export function azureClientReason(p: string): string {
  return `This goes through @azure/openai's OpenAIClient, which has no base-URL option qianyi can point at ${p}: replace it with the openai package's client by hand.`;
}

export function azureClientNote(site: Site, c: AzureNoteContext): string | null {
  const client = `new OpenAI({ apiKey: process.env.${c.keyEnv}, baseURL: "${c.baseURL}" })`;
  if (site.kind === 'client') {
    const credential = site.options?.[0];
    const entra = credential && !KEY_CREDENTIALS.has(credential)
      ? `; it authenticates with Entra ID (${credential}), which ${c.provider} does not take: use its API key instead` : '';
    return `@azure/openai's OpenAIClient cannot be pointed at ${c.provider}: replace it with the openai package's client, ${client}${entra}`;
  }
  if (site.kind === 'call') {
    if (c.lacks) return `${c.provider} does not offer ${c.lacks}: move this ${site.name ?? 'OpenAIClient'} call to another service or remove it`;
    const to = site.model !== null ? c.mapped(site.model) : undefined;
    const model = site.model !== null && to ? `model "${to}" (its deployment ${site.model} maps to it)`
      : to === null ? `a model ${c.provider} has to be picked by hand for (${site.model} has no counterpart there)`
      : `a ${c.provider} model (its deployment name is not an OpenAI model id qianyi can map)`;
    return `replace this ${site.name ?? 'OpenAIClient'} call with client.${site.api ?? 'chat.completions.create'}({ model, ... }) on ${client}, with ${model}`;
  }
  if (site.kind === 'model') {
    const to = site.model !== null ? c.mapped(site.model) : undefined;
    return `this deployment name goes to @azure/openai's OpenAIClient: when that call moves to ${client}, make it ${to ? `"${to}"` : `a ${c.provider} model`}`;
  }
  return null;
}
