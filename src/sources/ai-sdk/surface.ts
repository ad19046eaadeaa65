/** What the Vercel AI SDK's OpenAI provider (`@ai-sdk/openai`) and the `ai` package look like from user code. */

/** Provider methods that make a model, and the openai SDK operation the model's requests perform. */
export const FACTORIES: Readonly<Record<string, string | 'language'>> = {
  languageModel: 'language',
  chat: 'chat.completions.create',
  chatModel: 'chat.completions.create',
  responses: 'responses.create',
  completion: 'completions.create',
  embedding: 'embeddings.create',
  embeddingModel: 'embeddings.create',
  textEmbedding: 'embeddings.create',
  textEmbeddingModel: 'embeddings.create',
  image: 'images.generate',
  imageModel: 'images.generate',
  transcription: 'audio.transcriptions.create',
  transcriptionModel: 'audio.transcriptions.create',
  speech: 'audio.speech.create',
  speechModel: 'audio.speech.create',
};

/**
 * `openai(id)` itself: from AI SDK 5 (`@ai-sdk/openai` 2.x) it calls the Responses API, before that chat
 * completions. Without a version to read, the current behaviour.
 */
export function languageApi(providerMajor: number | null): string {
  return providerMajor !== null && providerMajor < 2 ? 'chat.completions.create' : 'responses.create';
}

/** Functions of `ai` that send a request to the model passed as their `model` option, and what they add to it. */
export const FRAMEWORK_CALLS: Readonly<Record<string, readonly string[]>> = {
  generateText: [],
  streamText: ['stream'],
  generateObject: ['json_schema'],
  streamObject: ['json_schema', 'stream'],
  embed: [],
  embedMany: [],
  generateImage: [],
  experimental_generateImage: [],
  transcribe: [],
  experimental_transcribe: [],
  generateSpeech: [],
  experimental_generateSpeech: [],
  streamUI: ['stream'],
};

/** Agent classes of `ai` (5.x and later): their model is called as generateText/streamText would. */
export const AGENT_CLASSES = new Set(['Agent', 'Experimental_Agent', 'ToolLoopAgent']);

/** Exports of `ai` 2.x–3.x that adapt an OpenAI response stream. */
export const OPENAI_HELPERS = new Set(['OpenAIStream', 'AzureOpenAIStream']);
