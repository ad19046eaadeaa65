/**
 * The vocabulary of provider templates: capability names, support levels, model kinds, parameter intervals.
 * Plain data with no dependency, so that the CLI can judge and migrate code without loading the schema
 * validator (zod), which only user-supplied templates need.
 */

/** How well a provider supports a capability through its OpenAI-compatible surface. */
export const SUPPORT_LEVELS = ['yes', 'no', 'partial', 'unknown'] as const;
export type Support = (typeof SUPPORT_LEVELS)[number];

/**
 * The capability matrix. The first group is the list; the second holds the rest of the OpenAI SDK's
 * API families, so that every call site maps to something a template states.
 */
export const CAPABILITIES = [
  'chat',
  'streaming',
  'stream_usage',
  'tools',
  'tool_choice',
  'json_object',
  'json_schema',
  'vision',
  'embeddings',
  'images',
  'image_edits',
  'audio_transcription',
  'audio_translation',
  'audio_speech',
  'responses',
  'batches',
  'files',
  'fine_tuning',
  'moderations',
  'assistants',
  'n',
  'logprobs',
  'seed',
  // The rest of the SDK surface.
  'completions',
  'models',
  'stored_completions',
  'uploads',
  'vector_stores',
  'realtime',
  'conversations',
  'containers',
  'evals',
  'webhooks',
  'videos',
  'skills',
  'chatkit',
  'admin',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** Kinds of model a template names a default for. */
export const MODEL_KINDS = [
  'chat',
  'reasoning',
  'vision',
  'embedding',
  'image',
  'transcription',
  'speech',
  'moderation',
] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

/** How a provider treats one request field. `renamed` needs `to`. */
export const FIELD_SUPPORT = ['yes', 'partial', 'ignored', 'rejected', 'renamed', 'unknown'] as const;
export type FieldSupport = (typeof FIELD_SUPPORT)[number];

export const TOOL_CHOICE_MODES = ['none', 'auto', 'required', 'named'] as const;
export type ToolChoiceMode = (typeof TOOL_CHOICE_MODES)[number];

/** `[0, 2]`, `(0, 1]`, `[1, 1]`: the accepted range of a numeric parameter, in interval notation. */
export const INTERVAL = /^([[(])\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*([\])])$/;

export interface Interval {
  min: number;
  max: number;
  minExclusive: boolean;
  maxExclusive: boolean;
}

export function parseInterval(text: string): Interval {
  const m = INTERVAL.exec(text);
  if (!m) throw new Error(`not an interval: ${text}`);
  return { min: Number(m[2]), max: Number(m[3]), minExclusive: m[1] === '(', maxExclusive: m[4] === ')' };
}

export function formatInterval(i: Interval): string {
  return `${i.minExclusive ? '(' : '['}${i.min}, ${i.max}${i.maxExclusive ? ')' : ']'}`;
}

/** Where a model is in its life: `deprecated` has a shutdown date and a replacement; `retired` is gone. */
export const MODEL_STATUSES = ['active', 'preview', 'deprecated', 'retired'] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];

/** Whether a model reasons before it answers: never, when asked (a toggle), or always (cannot be turned off). */
export const THINKING_MODES = ['none', 'optional', 'always'] as const;
export type ThinkingMode = (typeof THINKING_MODES)[number];

/** The response field a thinking model puts its reasoning in. */
export const REASONING_FIELDS = ['reasoning_content', 'reasoning'] as const;

export const MESSAGE_ROLES = ['system', 'developer', 'user', 'assistant', 'tool'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

export const MODALITIES = ['text', 'image', 'audio', 'video', 'file'] as const;

/** Sampling parameters a model may fix or reject whatever the provider's general rule says. */
export const SAMPLING_PARAMS = ['temperature', 'top_p', 'n', 'presence_penalty', 'frequency_penalty', 'seed', 'stop'] as const;
export type SamplingParam = (typeof SAMPLING_PARAMS)[number];

/** What a cell holds when the sources do not say: never a guess. */
export const UNKNOWN = 'unknown';

/** A date as YYYY-MM-DD. */
export const DATE = /^\d{4}-\d{2}-\d{2}$/;
