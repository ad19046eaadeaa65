/** OpenAI's REST endpoints and the openai SDK operation each one is. */

const PATHS: Readonly<Record<string, string>> = {
  'chat/completions': 'chat.completions.create',
  completions: 'completions.create',
  embeddings: 'embeddings.create',
  'images/generations': 'images.generate',
  'images/edits': 'images.edit',
  'images/variations': 'images.createVariation',
  'audio/transcriptions': 'audio.transcriptions.create',
  'audio/translations': 'audio.translations.create',
  'audio/speech': 'audio.speech.create',
  moderations: 'moderations.create',
  responses: 'responses.create',
  models: 'models.list',
  files: 'files.create',
  batches: 'batches.create',
  'fine_tuning/jobs': 'fine_tuning.jobs.create',
};

/**
 * The operation of a URL on OpenAI's host (`https://api.openai.com/v1/chat/completions` → chat.completions.create),
 * or undefined for another host. A path qianyi has no name for keeps its segments (`threads/runs` → threads.runs.create).
 */
export function operationOfUrl(url: string): string | undefined {
  const match = /^https?:\/\/api\.openai\.com(?::443)?(?:\/v1)?\/([^?#]*)/.exec(url);
  if (!match) return undefined;
  const path = match[1]!.replace(/\/+$/, '');
  if (!path) return undefined;
  if (PATHS[path]) return PATHS[path];
  const segments = path.split('/').filter((s) => /^[a-z_]+$/.test(s));
  return segments.length > 0 ? `${segments.join('.')}.create` : undefined;
}

export const OPENAI_V1 = 'https://api.openai.com/v1';

/** HTTP client packages, the name each is reported under, and whether the default export is `fetch` itself. */
export const HTTP_MODULES: Readonly<Record<string, { name: string; fetch: boolean }>> = {
  axios: { name: 'axios', fetch: false },
  got: { name: 'got', fetch: false },
  ky: { name: 'ky', fetch: false },
  'node-fetch': { name: 'fetch', fetch: true },
  'cross-fetch': { name: 'fetch', fetch: true },
  'isomorphic-fetch': { name: 'fetch', fetch: true },
  undici: { name: 'fetch', fetch: true },
};

/** Methods of axios, got and ky that send a request: `post(url, body, config)` for axios, `post(url, options)` for got/ky. */
export const SEND_METHODS = new Set(['post', 'get', 'put', 'patch', 'delete', 'request']);
/** Methods that make a configured instance: `axios.create({ baseURL })`, `ky.create({ prefixUrl })`, `got.extend(...)`. */
export const INSTANCE_METHODS = new Set(['create', 'extend']);
