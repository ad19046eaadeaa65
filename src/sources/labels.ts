/** What each source is called in reports, and which ones `migrate` rewrites (light: no parser behind it). */
import type { Sdk, Site } from '../scan/sites.js';

export const SOURCE_LABELS: Readonly<Record<Sdk, string>> = {
  openai: 'the openai SDK',
  'openai-v3': 'the openai 3.x SDK',
  'azure-openai': 'the Azure OpenAI client',
  'ai-sdk': "the AI SDK's OpenAI provider (@ai-sdk/openai)",
  langchain: "LangChain's OpenAI classes",
  http: 'a hand-written HTTP request',
  'openai-edge': 'openai-edge',
  'azure-openai-client': "@azure/openai's OpenAIClient",
  chatgpt: "the chatgpt package's ChatGPTAPI",
};

/** The sources `migrate` re-points. The others are reported, and their sites left as manual work. */
const MIGRATED: ReadonlySet<Sdk> = new Set(['openai', 'openai-v3', 'azure-openai', 'http', 'openai-edge', 'chatgpt']);

export function isMigrated(sdk: Sdk): boolean {
  return MIGRATED.has(sdk);
}

/** The sources with sites (other than imports) in a scan that `migrate` leaves alone. */
export function unmigratedSources(sites: readonly Site[]): Sdk[] {
  return [...new Set(sites.filter((s) => s.kind !== 'import' && !isMigrated(s.sdk)).map((s) => s.sdk))];
}

const what = (site: Site, client: string) => (site.kind === 'client' ? client : site.kind === 'call' ? 'call' : 'model id');

/**
 * Until `migrate` handles a source: what to do by hand at one of its sites (the TODO marker), or null for a
 * site that needs no marker (an import).
 */
const MANUAL: Readonly<Partial<Record<Sdk, (site: Site, p: string) => string | null>>> = {
  'ai-sdk': (site, p) =>
    `this AI SDK ${what(site, 'provider')} still goes to OpenAI: qianyi does not migrate @ai-sdk/openai yet; re-point its provider to ${p} (its own @ai-sdk package, or createOpenAICompatible with its base URL and key) and change the model id with it`,
  langchain: (site, p) =>
    `this LangChain ${what(site, site.name ?? 'model')} still goes to OpenAI: qianyi does not migrate LangChain yet; give the model configuration: { baseURL } and the key for ${p} (or ${p}'s own LangChain class) and change the model id with it`,
  http: (site, p) =>
    site.kind === 'call'
      ? `this ${site.name ?? 'HTTP'} request goes to OpenAI's REST API: qianyi does not rewrite hand-written requests yet; change its URL, its Authorization key and its model to ${p}'s together`
      : `this model id is sent by a hand-written request to OpenAI: change it to a ${p} model together with that request's URL and key`,
  'openai-edge': (site, p) =>
    `this openai-edge ${what(site, 'client')} still goes to OpenAI: qianyi does not migrate openai-edge yet; set the Configuration's basePath and apiKey for ${p} (or move to the openai package's current client) and change the model id with them`,
  'azure-openai-client': (site, p) =>
    `this @azure/openai OpenAIClient ${what(site, 'client')} has no base-URL option qianyi can re-point: replace it with the openai package's client, new OpenAI({ apiKey, baseURL }) for ${p}, and map its deployment to a ${p} model`,
  chatgpt: (site, p) =>
    `this ChatGPTAPI ${what(site, 'client')} still goes to OpenAI: qianyi does not migrate the chatgpt package yet; set its apiBaseUrl, apiKey and completionParams.model for ${p} together`,
};

export function notMigratedNote(site: Site, provider: string): string | null {
  return site.kind === 'import' || site.kind === 'env' ? null : (MANUAL[site.sdk]?.(site, provider) ?? null);
}
