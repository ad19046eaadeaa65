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
const MIGRATED: ReadonlySet<Sdk> = new Set(['openai', 'openai-v3', 'azure-openai', 'langchain', 'ai-sdk', 'http', 'openai-edge', 'chatgpt']);
/** The openai package itself (its current, 3.x and Azure clients): the sources whose calls take a client object. */
const OPENAI_PACKAGE: ReadonlySet<Sdk> = new Set(['openai', 'openai-v3', 'azure-openai']);

export function isMigrated(sdk: Sdk): boolean {
  return MIGRATED.has(sdk);
}

export function isOpenAiPackage(sdk: Sdk): boolean {
  return OPENAI_PACKAGE.has(sdk);
}

/**
 * The migrated sources whose calls go through a client object the app makes (`new OpenAI`, openai-edge's
 * OpenAIApi, ChatGPTAPI): a call on an untraced client goes where the project's clients go. Frameworks
 * (LangChain, the AI SDK) make their own requests; hand-written requests have no client.
 */
export function takesClient(sdk: Sdk): boolean {
  return OPENAI_PACKAGE.has(sdk) || sdk === 'openai-edge' || sdk === 'chatgpt';
}

/** The sources with sites (other than imports) in a scan that `migrate` leaves alone. */
export function unmigratedSources(sites: readonly Site[]): Sdk[] {
  return [...new Set(sites.filter((s) => s.kind !== 'import' && !isMigrated(s.sdk)).map((s) => s.sdk))];
}

const what = (site: Site, client: string) => (site.kind === 'client' ? client : site.kind === 'call' ? 'call' : 'model id');

/**
 * A source `migrate` does not re-point: what to do by hand at one of its sites (the TODO marker), or null for a
 * site that needs no marker (an import).
 */
const MANUAL: Readonly<Partial<Record<Sdk, (site: Site, p: string) => string | null>>> = {
  'azure-openai-client': (site, p) =>
    `this @azure/openai OpenAIClient ${what(site, 'client')} has no base-URL option qianyi can re-point: replace it with the openai package's client, new OpenAI({ apiKey, baseURL }) for ${p}, and map its deployment to a ${p} model`,
};

export function notMigratedNote(site: Site, provider: string): string | null {
  return site.kind === 'import' || site.kind === 'env' ? null : (MANUAL[site.sdk]?.(site, provider) ?? null);
}
