/** What the openai npm SDK looks like from user code: its resources, methods, model ids and env vars. */

/** Property names that lead from a client to a resource (4.x to 7.x), at any depth. */
export const RESOURCE_SEGMENTS = new Set([
  'chat', 'completions', 'messages', 'embeddings', 'files', 'images', 'audio', 'transcriptions', 'translations',
  'speech', 'moderations', 'models', 'fine_tuning', 'fineTuning', 'jobs', 'checkpoints', 'permissions', 'alpha',
  'graders', 'methods', 'vectorStores', 'fileBatches', 'beta', 'assistants', 'threads', 'runs', 'steps',
  'realtime', 'sessions', 'transcriptionSessions', 'clientSecrets', 'calls', 'batches', 'uploads', 'parts',
  'responses', 'inputItems', 'inputTokens', 'conversations', 'items', 'containers', 'content', 'evals',
  'outputItems', 'videos', 'webhooks', 'chatkit', 'skills', 'versions',
]);

/** Resources directly on the client. */
export const TOP_LEVEL_RESOURCES = new Set([
  'chat', 'completions', 'embeddings', 'files', 'images', 'audio', 'moderations', 'models', 'fine_tuning',
  'fineTuning', 'vectorStores', 'beta', 'batches', 'uploads', 'responses', 'realtime', 'conversations',
  'containers', 'evals', 'videos', 'webhooks', 'graders', 'skills',
]);

/** Methods of resources (4.x to 7.x), including the SDK's helpers (`stream`, `parse`, `createAndPoll` ...). */
export const RESOURCE_METHODS = new Set([
  'create', 'retrieve', 'update', 'list', 'del', 'delete', 'cancel', 'stream', 'parse', 'runTools',
  'runFunctions', 'content', 'retrieveContent', 'createAndPoll', 'createAndStream', 'createAndRun',
  'createAndRunPoll', 'createAndRunStream', 'poll', 'submitToolOutputs', 'submitToolOutputsAndPoll',
  'submitToolOutputsStream', 'upload', 'uploadAndPoll', 'listFiles', 'listEvents', 'search', 'generate', 'edit',
  'createVariation', 'complete', 'waitForProcessing', 'pause', 'resume', 'remix', 'downloadContent', 'compact',
  'count', 'run', 'validate', 'unwrap', 'verifySignature', 'connect', 'accept', 'hangup', 'refer', 'reject',
]);

/** Methods whose name alone means a streamed response. */
export const STREAM_METHODS = new Set([
  'stream', 'createAndStream', 'createAndRunStream', 'submitToolOutputsStream',
]);

/**
 * With an unknown receiver, a chain is reported (as `likely`) only when it cannot be mistaken for another
 * API: two or more resource segments starting at a top-level resource (`x.chat.completions.create`), or one
 * of these single resources, which other libraries rarely name.
 */
export const DISTINCTIVE_SINGLE_RESOURCES = new Set([
  'embeddings', 'moderations', 'images', 'responses', 'vectorStores', 'fine_tuning', 'fineTuning',
]);
export const DISTINCTIVE_FIRST_SEGMENTS = new Set([
  'chat', 'beta', 'audio', 'fine_tuning', 'fineTuning', 'vectorStores', 'responses', 'realtime', 'conversations',
  'containers', 'evals', 'uploads', 'images', 'embeddings',
]);

/** Methods of the 3.x `OpenAIApi` client. */
export const V3_METHODS = new Set([
  'createChatCompletion', 'createCompletion', 'createEdit', 'createEmbedding', 'createImage', 'createImageEdit',
  'createImageVariation', 'createTranscription', 'createTranslation', 'createModeration', 'listModels',
  'retrieveModel', 'deleteModel', 'createFile', 'listFiles', 'retrieveFile', 'deleteFile', 'downloadFile',
  'createFineTune', 'listFineTunes', 'retrieveFineTune', 'cancelFineTune', 'listFineTuneEvents',
  'createFineTuningJob', 'listFineTuningJobs', 'retrieveFineTuningJob', 'cancelFineTuningJob',
  'listFineTuningEvents', 'createAnswer', 'createClassification', 'createSearch', 'listEngines', 'retrieveEngine',
]);

/**
 * The current SDK's operation for each 3.x method, for the sources built on the 3.x shape (openai-edge), whose
 * sites carry shared operation ids.
 */
export const V3_OPERATIONS: Readonly<Record<string, string>> = {
  createChatCompletion: 'chat.completions.create', createCompletion: 'completions.create', createEdit: 'completions.create',
  createEmbedding: 'embeddings.create', createImage: 'images.generate', createImageEdit: 'images.edit',
  createImageVariation: 'images.createVariation', createTranscription: 'audio.transcriptions.create',
  createTranslation: 'audio.translations.create', createModeration: 'moderations.create', listModels: 'models.list',
  retrieveModel: 'models.retrieve', deleteModel: 'models.delete', createFile: 'files.create', listFiles: 'files.list',
  retrieveFile: 'files.retrieve', deleteFile: 'files.delete', downloadFile: 'files.content',
  createFineTune: 'fine_tuning.jobs.create', listFineTunes: 'fine_tuning.jobs.list', retrieveFineTune: 'fine_tuning.jobs.retrieve',
  cancelFineTune: 'fine_tuning.jobs.cancel', listFineTuneEvents: 'fine_tuning.jobs.listEvents',
};

/** 3.x methods distinctive enough to report on an unknown receiver. */
export const V3_DISTINCTIVE_METHODS = new Set([
  'createChatCompletion', 'createCompletion', 'createEmbedding', 'createTranscription', 'createTranslation',
  'createModeration', 'createImageEdit', 'createImageVariation', 'createFineTune', 'listFineTunes',
  'createFineTuningJob',
]);

/** Packages whose clients copy OpenAI's method names: a receiver from one of these is never a site. */
export const LOOKALIKE_PACKAGES = new Set([
  'groq-sdk', 'together-ai', '@anthropic-ai/sdk', '@mistralai/mistralai', 'cohere-ai', '@google/generative-ai',
  '@google/genai', 'ollama', '@huggingface/inference', 'portkey-ai', '@cerebras/cerebras_cloud_sdk',
  'fireworks-ai', '@fireworks-ai/sdk', 'deepinfra', 'replicate', '@langchain/openai', '@langchain/core',
  'langchain', '@ai-sdk/openai', 'ai', 'llamaindex', '@llamaindex/openai', 'openai-edge', 'zhipuai-sdk-nodejs-v4',
  '@xai/sdk', 'perplexity-sdk',
]);

/** Module specifiers of the SDK: `openai` and its subpaths, and the legacy Azure package. */
export function isSdkModule(specifier: string): boolean {
  return specifier === 'openai' || specifier.startsWith('openai/') || specifier === '@azure/openai';
}

/** Helpers whose use means structured outputs validated by zod. */
export const ZOD_HELPERS = new Set(['zodResponseFormat', 'zodTextFormat', 'zodFunction']);

const ENV_NAMES = new Set([
  'OPENAI_API_KEY', 'OPENAI_BASE_URL', 'OPENAI_API_BASE', 'OPENAI_ORG_ID', 'OPENAI_ORGANIZATION',
  'OPENAI_PROJECT_ID', 'OPENAI_PROJECT', 'OPENAI_WEBHOOK_SECRET', 'OPENAI_MODEL', 'OPENAI_API_VERSION',
]);

/**
 * Other names apps give the same values (issue 11 item 6): a key, a key pool, a base URL, a model. What each
 * stands for is `envVarRole`'s answer.
 */
const OTHER_ENV_NAMES: Readonly<Record<string, EnvRole>> = {
  OPENAI_KEY: 'key', OPEN_AI_API_KEY: 'key', OPENAI_API_KEYS: 'key', OPENAI_API_URL: 'baseURL',
  OPENAI_GPT_MODEL: 'model', AZURE_DEPLOYMENT_NAME: 'model',
};

export type EnvRole = 'key' | 'baseURL' | 'model' | 'other';

/** The SDK an environment variable belongs to, or null when it is not an OpenAI variable. */
export function envVarSdk(name: string): 'openai' | 'azure-openai' | null {
  if (name.startsWith('AZURE_OPENAI_') || name === 'AZURE_DEPLOYMENT_NAME') return 'azure-openai';
  // Next.js exposes NEXT_PUBLIC_* to the browser: NEXT_PUBLIC_OPENAI_API_KEY is the same key, shipped client-side.
  const bare = name.startsWith('NEXT_PUBLIC_OPENAI_') ? name.slice('NEXT_PUBLIC_'.length) : name;
  if (bare !== name) return 'openai';
  return ENV_NAMES.has(bare) || bare in OTHER_ENV_NAMES ? 'openai' : null;
}

/** A key pool (`OPENAI_API_KEYS=sk-1,sk-2`): the app picks one itself, so it is never rewritten to one key. */
export function isKeyPool(name: string): boolean {
  return name.replace(/^NEXT_PUBLIC_/, '') === 'OPENAI_API_KEYS';
}

/** Next.js ships NEXT_PUBLIC_* to the browser: a provider key must never go there. */
export function isBrowserExposed(name: string): boolean {
  return name.startsWith('NEXT_PUBLIC_');
}

/**
 * A single OpenAI key under any name the migration may replace with the provider's key variable where it feeds
 * a client the migration re-points (not a pool, not a browser-exposed one).
 */
export function isRenamableKey(name: string): boolean {
  return envVarRole(name) === 'key' && !isKeyPool(name) && !isBrowserExposed(name);
}

/** OpenAI's base URL under any name (not a browser-exposed one). */
export function isOpenAiBaseUrlEnv(name: string): boolean {
  return !isBrowserExposed(name) && envVarSdk(name) === 'openai' && envVarRole(name) === 'baseURL';
}

/** What an OpenAI env var holds: the key, the base URL, a model, or something else. */
export function envVarRole(name: string): EnvRole {
  const bare = name.replace(/^NEXT_PUBLIC_/, '');
  if (bare === 'OPENAI_API_KEY' || bare === 'AZURE_OPENAI_API_KEY' || bare === 'AZURE_OPENAI_KEY') return 'key';
  if (bare === 'OPENAI_BASE_URL' || bare === 'OPENAI_API_BASE' || bare === 'AZURE_OPENAI_ENDPOINT') return 'baseURL';
  if (bare === 'OPENAI_MODEL' || bare === 'AZURE_OPENAI_DEPLOYMENT' || bare === 'AZURE_OPENAI_DEPLOYMENT_NAME') return 'model';
  return OTHER_ENV_NAMES[bare] ?? 'other';
}
