/** LangChain JS's OpenAI classes, where each lives, and the openai SDK operation each one's requests perform. */

export const CLASS_APIS: Readonly<Record<string, string>> = {
  ChatOpenAI: 'chat.completions.create',
  ChatOpenAICompletions: 'chat.completions.create',
  ChatOpenAIResponses: 'responses.create',
  AzureChatOpenAI: 'chat.completions.create',
  OpenAIChat: 'chat.completions.create',
  OpenAI: 'completions.create',
  AzureOpenAI: 'completions.create',
  OpenAIEmbeddings: 'embeddings.create',
  AzureOpenAIEmbeddings: 'embeddings.create',
  DallEAPIWrapper: 'images.generate',
};

/** The classes each module exports (the pre-0.1 `langchain/*` paths and `@langchain/openai`). */
export const MODULE_CLASSES: Readonly<Record<string, readonly string[]>> = {
  '@langchain/openai': Object.keys(CLASS_APIS).filter((c) => c !== 'OpenAIChat'),
  'langchain/chat_models/openai': ['ChatOpenAI', 'AzureChatOpenAI'],
  'langchain/embeddings/openai': ['OpenAIEmbeddings'],
  'langchain/llms/openai': ['OpenAI', 'OpenAIChat'],
};

/** Methods that send a request, by what the class makes: chat and text models, embeddings, images. */
export const CALL_METHODS: Readonly<Record<string, ReadonlySet<string>>> = {
  model: new Set(['invoke', 'stream', 'batch', 'call', 'predict', 'predictMessages', 'generate', 'generatePrompt', 'streamEvents', 'streamLog']),
  embeddings: new Set(['embedQuery', 'embedDocuments']),
  images: new Set(['invoke', 'call']),
};

export const STREAM_METHODS = new Set(['stream', 'streamEvents', 'streamLog']);

/** Methods that return the same model with something added (tools, a schema) or only configured. */
export const MODIFIERS = new Set(['bindTools', 'withStructuredOutput', 'bind', 'withConfig', 'withRetry', 'withListeners']);

export function methodKind(api: string | undefined): keyof typeof CALL_METHODS {
  return api === 'embeddings.create' ? 'embeddings' : api === 'images.generate' ? 'images' : 'model';
}
