/** OpenAI model ids and how a template maps them to a provider's models. */
import type { ModelKind, Template } from '../../templates/schema.js';

/**
 * The OpenAI models every built-in template must map (current and common older ones). Dated snapshots
 * (`gpt-4o-2024-08-06`, `gpt-4-0613`) resolve to these by dropping the date.
 */
export const OPENAI_MODELS: Readonly<Record<string, ModelKind>> = {
  'gpt-5.1': 'chat',
  'gpt-5': 'chat',
  'gpt-5-mini': 'chat',
  'gpt-5-nano': 'chat',
  'gpt-5-chat-latest': 'chat',
  'gpt-4.1': 'chat',
  'gpt-4.1-mini': 'chat',
  'gpt-4.1-nano': 'chat',
  'gpt-4o': 'chat',
  'gpt-4o-mini': 'chat',
  'chatgpt-4o-latest': 'chat',
  'gpt-4-turbo': 'chat',
  'gpt-4': 'chat',
  'gpt-3.5-turbo': 'chat',
  'gpt-3.5-turbo-instruct': 'chat',
  o1: 'reasoning',
  'o1-mini': 'reasoning',
  'o1-pro': 'reasoning',
  o3: 'reasoning',
  'o3-mini': 'reasoning',
  'o3-pro': 'reasoning',
  'o4-mini': 'reasoning',
  'text-embedding-3-small': 'embedding',
  'text-embedding-3-large': 'embedding',
  'text-embedding-ada-002': 'embedding',
  'gpt-image-1': 'image',
  'gpt-image-1-mini': 'image',
  'dall-e-3': 'image',
  'dall-e-2': 'image',
  'whisper-1': 'transcription',
  'gpt-4o-transcribe': 'transcription',
  'gpt-4o-mini-transcribe': 'transcription',
  'tts-1': 'speech',
  'tts-1-hd': 'speech',
  'gpt-4o-mini-tts': 'speech',
  'omni-moderation-latest': 'moderation',
  'text-moderation-latest': 'moderation',
};

/** `gpt-4o-2024-08-06` → `gpt-4o`, `gpt-4-0613` → `gpt-4`, `o1-preview` → `o1`; null when nothing to drop. */
function withoutSnapshotSuffix(id: string): string | null {
  const stripped = id.replace(/-(\d{4}-\d{2}-\d{2}|\d{4}|preview)$/, '');
  return stripped === id ? null : stripped;
}

/** The kind of an OpenAI model id, from the list or its shape; null when it is not recognisably OpenAI's. */
export function openaiModelKind(id: string): ModelKind | null {
  const base = id.startsWith('ft:') ? (id.split(':')[1] ?? '') : id;
  for (let cur: string | null = base; cur; cur = withoutSnapshotSuffix(cur)) {
    const kind = OPENAI_MODELS[cur];
    if (kind) return kind;
  }
  if (/embedding/.test(base)) return 'embedding';
  if (/^(dall-e|gpt-image)/.test(base)) return 'image';
  if (/^whisper|transcribe/.test(base)) return 'transcription';
  if (/^tts|-tts/.test(base)) return 'speech';
  if (/moderation/.test(base)) return 'moderation';
  if (/^o\d/.test(base)) return 'reasoning';
  if (/^(gpt-|chatgpt-|davinci|babbage|text-(davinci|curie|babbage|ada)|computer-use|codex-mini)/.test(base)) {
    return 'chat';
  }
  return null;
}

export type ModelMapping =
  /** The provider serves this id as written (a provider id already, or a passthrough gateway). */
  | { how: 'identical'; model: string }
  /** The template's map names a counterpart. */
  | { how: 'mapped'; model: string }
  /** Not in the map; the provider's default model of the same kind. */
  | { how: 'default'; model: string; kind: ModelKind }
  /** The provider has no model of this kind. */
  | { how: 'none'; kind: ModelKind }
  /** Not an OpenAI id qianyi knows, and not one of the provider's. */
  | { how: 'unknown' };

/** Every provider model id a template names (map values and defaults). */
export function providerModels(t: Template): Set<string> {
  const ids = new Set<string>();
  for (const v of Object.values(t.models.map)) if (v) ids.add(v);
  for (const v of Object.values(t.models.defaults)) if (v) ids.add(v);
  return ids;
}

/** What the migration will send to the provider in place of `id`. */
export function mapModel(t: Template, id: string): ModelMapping {
  // The map wins, including over snapshot-stripped lookups.
  for (let cur: string | null = id; cur; cur = withoutSnapshotSuffix(cur)) {
    if (Object.hasOwn(t.models.map, cur)) {
      const to = t.models.map[cur] ?? null;
      if (to === null) return { how: 'none', kind: openaiModelKind(id) ?? 'chat' };
      return to === id ? { how: 'identical', model: id } : { how: 'mapped', model: to };
    }
  }
  if (t.models.passthrough || providerModels(t).has(id)) return { how: 'identical', model: id };
  const kind = openaiModelKind(id);
  if (!kind) return { how: 'unknown' };
  const fallback = t.models.defaults[kind];
  return fallback ? { how: 'default', model: fallback, kind } : { how: 'none', kind };
}
