/**
 * How `@azure/openai` 1.x values behave: `new OpenAIClient(endpoint, credential)` whose methods take the
 * deployment first (`getChatCompletions(deployment, messages, options)`). The 2.x package is only types for
 * the openai package's AzureOpenAI, which the openai source covers.
 */
import type { Value } from '../../analysis/typescript/evaluator.js';
import { FOREIGN, value } from '../shared.js';
import type { SourceModel } from '../source.js';

export const AZURE_MODULE = '@azure/openai';

/** Methods of OpenAIClient, the operation each is, and the request options that are features. */
export const CLIENT_METHODS: Readonly<Record<string, string>> = {
  getChatCompletions: 'chat.completions.create',
  streamChatCompletions: 'chat.completions.create',
  getCompletions: 'completions.create',
  streamCompletions: 'completions.create',
  getEmbeddings: 'embeddings.create',
  getImages: 'images.generate',
  getAudioTranscription: 'audio.transcriptions.create',
  getAudioTranslation: 'audio.translations.create',
  generateSpeechFromText: 'audio.speech.create',
};

function exportOf(specifier: string, name: string): Value | undefined {
  if (specifier !== AZURE_MODULE) return undefined;
  if (name === '*' || name === '=') return value('azure-openai-client', 'module');
  return name === 'OpenAIClient' ? value('azure-openai-client', 'class', { name }) : undefined;
}

export const azureClientModel: SourceModel = {
  exportOf,
  member(base, name) {
    if (base.type === 'module') return exportOf(AZURE_MODULE, name) ?? FOREIGN;
    if (base.type === 'client' && CLIENT_METHODS[name]) return value('azure-openai-client', 'method', { name, api: CLIENT_METHODS[name], base });
    return FOREIGN;
  },
  construct(cls) {
    return cls.type === 'class' ? value('azure-openai-client', 'client', { name: 'OpenAIClient' }) : FOREIGN;
  },
};
