import { describe, expect, it } from 'vitest';
import { apiNeeds } from '../../src/sources/openai/capabilities.js';
import { mapModel, openaiModelKind } from '../../src/sources/openai/models.js';
import { loadBuiltinTemplates } from '../../src/templates/load.js';
import { RESOURCE_METHODS, V3_METHODS } from '../../src/sources/openai/surface.js';

describe('apiNeeds: every API family of the OpenAI SDK', () => {
  const cases: [string, string, string | null][] = [
    ['chat.completions.create', 'chat', 'chat'],
    ['chat.completions.stream', 'chat', 'chat'],
    ['chat.completions.parse', 'chat', 'chat'],
    ['beta.chat.completions.parse', 'chat', 'chat'],
    ['chat.completions.runTools', 'chat', 'chat'],
    ['beta.chat.completions.runFunctions', 'chat', 'chat'],
    ['chat.completions.retrieve', 'stored_completions', null],
    ['chat.completions.list', 'stored_completions', null],
    ['chat.completions.messages.list', 'stored_completions', null],
    ['completions.create', 'completions', 'chat'],
    ['embeddings.create', 'embeddings', 'embedding'],
    ['images.generate', 'images', 'image'],
    ['images.edit', 'image_edits', 'image'],
    ['images.createVariation', 'image_edits', 'image'],
    ['audio.transcriptions.create', 'audio_transcription', 'transcription'],
    ['audio.translations.create', 'audio_translation', 'transcription'],
    ['audio.speech.create', 'audio_speech', 'speech'],
    ['responses.create', 'responses', 'chat'],
    ['responses.stream', 'responses', 'chat'],
    ['responses.retrieve', 'responses', null],
    ['responses.inputItems.list', 'responses', null],
    ['responses.inputTokens.count', 'responses', null],
    ['files.create', 'files', null],
    ['files.content', 'files', null],
    ['batches.create', 'batches', null],
    ['uploads.create', 'uploads', null],
    ['uploads.parts.create', 'uploads', null],
    ['fineTuning.jobs.create', 'fine_tuning', 'chat'],
    ['fine_tuning.jobs.create', 'fine_tuning', 'chat'],
    ['fineTuning.jobs.checkpoints.list', 'fine_tuning', null],
    ['fineTuning.alpha.graders.run', 'fine_tuning', null],
    ['moderations.create', 'moderations', 'moderation'],
    ['models.list', 'models', null],
    ['vectorStores.create', 'vector_stores', null],
    ['beta.vectorStores.fileBatches.uploadAndPoll', 'vector_stores', null],
    ['beta.assistants.create', 'assistants', 'chat'],
    ['beta.threads.create', 'assistants', null],
    ['beta.threads.messages.create', 'assistants', null],
    ['beta.threads.createAndRunPoll', 'assistants', 'chat'],
    ['beta.assistants.create', 'assistants', 'chat'],
    ['beta.threads.runs.createAndPoll', 'assistants', 'chat'],
    ['beta.threads.messages.list', 'assistants', null],
    ['beta.threads.runs.steps.list', 'assistants', null],
    ['realtime.clientSecrets.create', 'realtime', 'chat'],
    ['beta.realtime.sessions.create', 'realtime', 'chat'],
    ['realtime.calls.accept', 'realtime', null],
    ['conversations.create', 'conversations', null],
    ['conversations.items.list', 'conversations', null],
    ['containers.create', 'containers', null],
    ['containers.files.content.retrieve', 'containers', null],
    ['evals.create', 'evals', 'chat'],
    ['evals.runs.outputItems.list', 'evals', null],
    ['graders.graderModels.run', 'evals', null],
    ['webhooks.unwrap', 'webhooks', null],
    ['webhooks.verifySignature', 'webhooks', null],
    ['videos.create', 'videos', null],
    ['skills.create', 'skills', null],
    ['beta.chatkit.sessions.create', 'chatkit', null],
    ['admin.organization.users.list', 'admin', null],
    ['createChatCompletion', 'chat', 'chat'],
    ['createCompletion', 'completions', 'chat'],
    ['createEmbedding', 'embeddings', 'embedding'],
    ['createImage', 'images', 'image'],
    ['createImageEdit', 'image_edits', 'image'],
    ['createTranscription', 'audio_transcription', 'transcription'],
    ['createTranslation', 'audio_translation', 'transcription'],
    ['createModeration', 'moderations', 'moderation'],
    ['listModels', 'models', null],
    ['createFile', 'files', null],
    ['createFineTuningJob', 'fine_tuning', 'chat'],
    ['createFineTune', 'fine_tuning', 'chat'],
  ];
  for (const [api, capability, modelKind] of cases) {
    it(api, () => expect(apiNeeds(api)).toEqual({ capability, modelKind }));
  }

  it('knows every 3.x method the scanner reports', () => {
    for (const m of V3_METHODS) expect(apiNeeds(m), m).not.toBeNull();
  });

  it('knows every resource method on chat.completions the scanner reports', () => {
    for (const m of RESOURCE_METHODS) expect(apiNeeds(`chat.completions.${m}`), m).not.toBeNull();
  });

  it('returns null for what it does not know', () => {
    expect(apiNeeds('foo.create')).toBeNull();
    expect(apiNeeds('audio.karaoke.create')).toBeNull();
    expect(apiNeeds('createSomething')).toBeNull();
  });
});

describe('OpenAI model ids', () => {
  it('classifies ids by kind, including snapshots and fine-tunes', () => {
    expect(openaiModelKind('gpt-4o-2024-08-06')).toBe('chat');
    expect(openaiModelKind('gpt-4-0613')).toBe('chat');
    expect(openaiModelKind('o1-preview')).toBe('reasoning');
    expect(openaiModelKind('o3-mini-2025-01-31')).toBe('reasoning');
    expect(openaiModelKind('text-embedding-3-large')).toBe('embedding');
    expect(openaiModelKind('dall-e-3')).toBe('image');
    expect(openaiModelKind('gpt-image-1')).toBe('image');
    expect(openaiModelKind('whisper-1')).toBe('transcription');
    expect(openaiModelKind('gpt-4o-transcribe')).toBe('transcription');
    expect(openaiModelKind('tts-1-hd-1106')).toBe('speech');
    expect(openaiModelKind('omni-moderation-2024-09-26')).toBe('moderation');
    expect(openaiModelKind('ft:gpt-4o-mini-2024-07-18:acme::x1')).toBe('chat');
    expect(openaiModelKind('davinci-002')).toBe('chat');
    expect(openaiModelKind('llama-3')).toBeNull();
  });

  it('maps through the template', () => {
    const qwen = loadBuiltinTemplates().find((t) => t.id === 'qwen');
    if (!qwen) throw new Error('no qwen');
    expect(mapModel(qwen, 'gpt-4o')).toEqual({ how: 'mapped', model: 'qwen-plus' });
    expect(mapModel(qwen, 'o1-preview')).toEqual({ how: 'mapped', model: 'qwen3.8-max' });
    expect(mapModel(qwen, 'qwen-plus')).toEqual({ how: 'identical', model: 'qwen-plus' });
    expect(mapModel(qwen, 'gpt-4o-realtime-preview')).toEqual({ how: 'default', model: 'qwen-plus', kind: 'chat' });
    expect(mapModel(qwen, 'dall-e-3')).toEqual({ how: 'none', kind: 'image' });
    expect(mapModel(qwen, 'mistral-large')).toEqual({ how: 'unknown' });
  });
});
