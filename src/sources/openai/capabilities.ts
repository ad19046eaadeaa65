/** What a call site needs from a provider: the capabilities behind its SDK method and its request features. */
import type { Capability, ModelKind } from '../../templates/schema.js';

/** Noun phrases for reasons and tables ("…needs the embeddings endpoint, which DeepSeek does not offer"). */
export const CAPABILITY_LABELS: Readonly<Record<Capability, string>> = {
  chat: 'the chat completions endpoint',
  streaming: 'streaming',
  stream_usage: 'usage in streamed responses (stream_options)',
  tools: 'tool calling',
  tool_choice: 'a forced tool_choice (required or a named function)',
  json_object: 'JSON mode (response_format json_object)',
  json_schema: 'structured outputs (response_format json_schema)',
  vision: 'image input',
  embeddings: 'the embeddings endpoint',
  images: 'the image generation endpoint',
  image_edits: 'the image edit and variation endpoints',
  audio_transcription: 'the audio transcription endpoint',
  audio_translation: 'the audio translation endpoint',
  audio_speech: 'the text-to-speech endpoint',
  responses: 'the Responses API',
  batches: 'the Batch API',
  files: 'the Files API',
  fine_tuning: 'the fine-tuning API',
  moderations: 'the moderations endpoint',
  assistants: 'the Assistants API (assistants, threads, runs)',
  n: 'several choices per request (n > 1)',
  logprobs: 'logprobs',
  seed: 'seed',
  completions: 'the legacy completions endpoint',
  models: 'the model list endpoint',
  stored_completions: 'stored chat completions',
  uploads: 'the Uploads API',
  vector_stores: 'vector stores',
  realtime: 'the Realtime API',
  conversations: 'the Conversations API',
  containers: 'containers',
  evals: 'evals and graders',
  webhooks: 'OpenAI webhooks',
  videos: 'the video generation API',
  skills: 'skills',
  chatkit: 'ChatKit',
  admin: 'the organization admin API',
};

/** Short column headers for the providers table. */
export const CAPABILITY_SHORT: Readonly<Partial<Record<Capability, string>>> = {
  streaming: 'stream',
  tools: 'tools',
  tool_choice: 'choice',
  json_object: 'json',
  json_schema: 'schema',
  vision: 'vision',
  embeddings: 'embed',
  images: 'image',
  audio_transcription: 'stt',
  audio_speech: 'tts',
  responses: 'resp',
  batches: 'batch',
  files: 'files',
};

export interface ApiNeeds {
  /** The capability of the endpoint itself. */
  capability: Capability;
  /** The kind of model the call takes, when it takes one (drives the model mapping). */
  modelKind: ModelKind | null;
}

/** Methods that send a `model` (others read or manage existing objects). */
const MODEL_METHODS = new Set([
  'create',
  'stream',
  'parse',
  'runTools',
  'runFunctions',
  'generate',
  'edit',
  'createVariation',
  'createAndPoll',
  'createAndStream',
  'createAndRun',
  'createAndRunPoll',
  'createAndRunStream',
]);

/** The 3.x `OpenAIApi` methods. */
const V3_APIS: Readonly<Record<string, ApiNeeds>> = {
  createChatCompletion: { capability: 'chat', modelKind: 'chat' },
  createCompletion: { capability: 'completions', modelKind: 'chat' },
  // The retired /edits endpoint: the nearest thing is a completion.
  createEdit: { capability: 'completions', modelKind: 'chat' },
  createEmbedding: { capability: 'embeddings', modelKind: 'embedding' },
  createImage: { capability: 'images', modelKind: 'image' },
  createImageEdit: { capability: 'image_edits', modelKind: 'image' },
  createImageVariation: { capability: 'image_edits', modelKind: 'image' },
  createTranscription: { capability: 'audio_transcription', modelKind: 'transcription' },
  createTranslation: { capability: 'audio_translation', modelKind: 'transcription' },
  createModeration: { capability: 'moderations', modelKind: 'moderation' },
  listModels: { capability: 'models', modelKind: null },
  retrieveModel: { capability: 'models', modelKind: null },
  deleteModel: { capability: 'models', modelKind: null },
  createFile: { capability: 'files', modelKind: null },
  listFiles: { capability: 'files', modelKind: null },
  retrieveFile: { capability: 'files', modelKind: null },
  deleteFile: { capability: 'files', modelKind: null },
  downloadFile: { capability: 'files', modelKind: null },
  createFineTune: { capability: 'fine_tuning', modelKind: 'chat' },
  listFineTunes: { capability: 'fine_tuning', modelKind: null },
  retrieveFineTune: { capability: 'fine_tuning', modelKind: null },
  cancelFineTune: { capability: 'fine_tuning', modelKind: null },
  listFineTuneEvents: { capability: 'fine_tuning', modelKind: null },
  createFineTuningJob: { capability: 'fine_tuning', modelKind: 'chat' },
  listFineTuningJobs: { capability: 'fine_tuning', modelKind: null },
  retrieveFineTuningJob: { capability: 'fine_tuning', modelKind: null },
  cancelFineTuningJob: { capability: 'fine_tuning', modelKind: null },
  listFineTuningEvents: { capability: 'fine_tuning', modelKind: null },
  // Long-retired 3.x endpoints (answers, classifications, search, engines): closest is completions/models.
  createAnswer: { capability: 'completions', modelKind: 'chat' },
  createClassification: { capability: 'completions', modelKind: 'chat' },
  createSearch: { capability: 'completions', modelKind: 'chat' },
  listEngines: { capability: 'models', modelKind: null },
  retrieveEngine: { capability: 'models', modelKind: null },
};

/** First resource segment (after normalising) → capability, for families where the method does not matter. */
const FAMILIES: Readonly<Record<string, Capability>> = {
  completions: 'completions',
  embeddings: 'embeddings',
  responses: 'responses',
  files: 'files',
  uploads: 'uploads',
  batches: 'batches',
  fineTuning: 'fine_tuning',
  moderations: 'moderations',
  models: 'models',
  vectorStores: 'vector_stores',
  assistants: 'assistants',
  threads: 'assistants',
  realtime: 'realtime',
  conversations: 'conversations',
  containers: 'containers',
  evals: 'evals',
  graders: 'evals',
  webhooks: 'webhooks',
  videos: 'videos',
  skills: 'skills',
  chatkit: 'chatkit',
  admin: 'admin',
};

const FAMILY_MODEL_KIND: Readonly<Partial<Record<Capability, ModelKind>>> = {
  completions: 'chat',
  embeddings: 'embedding',
  responses: 'chat',
  fine_tuning: 'chat',
  moderations: 'moderation',
  assistants: 'chat',
  realtime: 'chat',
  evals: 'chat',
};

const snakeToCamel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * The capability an SDK call needs, from its dotted path as the scanner reports it
 * (`chat.completions.create`, `beta.threads.runs.createAndPoll`, `fine_tuning.jobs.create`,
 * `createChatCompletion`). Null for a path qianyi does not know.
 */
export function apiNeeds(api: string): ApiNeeds | null {
  if (!api.includes('.')) return V3_APIS[api] ?? null;
  // `beta.` only marks where a resource lived in some SDK version; `fine_tuning` is `fineTuning` in v4+.
  const segments = api.split('.').map(snakeToCamel);
  if (segments[0] === 'beta') segments.shift();
  const method = segments[segments.length - 1] ?? '';
  const [first, second] = segments;
  const takesModel = MODEL_METHODS.has(method);

  if (first === 'chat' && second === 'completions') {
    // create/stream/parse/runTools send a request; retrieve/list/update/delete/messages read stored ones.
    const sends = segments.length === 3 && takesModel;
    return sends ? { capability: 'chat', modelKind: 'chat' } : { capability: 'stored_completions', modelKind: null };
  }
  if (first === 'images') {
    const edits = method === 'edit' || method === 'createVariation';
    return { capability: edits ? 'image_edits' : 'images', modelKind: 'image' };
  }
  if (first === 'audio') {
    if (second === 'transcriptions') return { capability: 'audio_transcription', modelKind: 'transcription' };
    if (second === 'translations') return { capability: 'audio_translation', modelKind: 'transcription' };
    if (second === 'speech') return { capability: 'audio_speech', modelKind: 'speech' };
    return null;
  }
  const capability = first !== undefined ? FAMILIES[first] : undefined;
  if (!capability) return null;
  // Only the creating call of a family sends a model (threads.runs.create, fineTuning.jobs.create). In the
  // Assistants API that is an assistant or a run: a thread or a message carries no model.
  const sendsModel = capability !== 'assistants' || first === 'assistants' || segments.includes('runs') || method.startsWith('createAndRun');
  const modelKind = takesModel && sendsModel ? (FAMILY_MODEL_KIND[capability] ?? null) : null;
  return { capability, modelKind };
}

/** Request features (docs/site-model.md) that need a capability of the matrix. */
export const FEATURE_CAPABILITIES: Readonly<Record<string, Capability>> = {
  stream: 'streaming',
  stream_options: 'stream_usage',
  tools: 'tools',
  functions: 'tools',
  parallel_tool_calls: 'tools',
  tool_choice: 'tool_choice',
  json_object: 'json_object',
  json_schema: 'json_schema',
  // zodResponseFormat / zodTextFormat / zodFunction all rely on strict JSON schemas.
  zod: 'json_schema',
  vision: 'vision',
  n: 'n',
  logprobs: 'logprobs',
  top_logprobs: 'logprobs',
  seed: 'seed',
};

/**
 * Capabilities the migration can do without when the provider lacks them: it removes the field and the
 * call still works (a caveat, not a block). A missing `n` or `logprobs` changes what the code reads back.
 */
export const DROPPABLE_CAPABILITIES: ReadonlySet<Capability> = new Set(['seed', 'stream_usage']);

/** OpenAI's own ranges, to tell whether a provider's range needs clamping. */
export const OPENAI_RANGES: Readonly<Record<string, string>> = {
  temperature: '[0, 2]',
  top_p: '[0, 1]',
  frequency_penalty: '[-2, 2]',
  presence_penalty: '[-2, 2]',
};

/**
 * Request fields so specific to OpenAI that a provider must state it accepts them: when a template is silent,
 * support is unconfirmed. Other plain fields (`max_tokens`, `stop`, `user`, ...) are assumed accepted unless
 * the template's `params.fields` says otherwise.
 */
export const DECLARE_FIELDS: ReadonlySet<string> = new Set([
  'logit_bias',
  'reasoning_effort',
  'modalities',
  'audio',
  'prediction',
  'store',
  'service_tier',
  'web_search_options',
  'metadata',
]);
