import type { SourcePrefilter } from '../prefilter-terms.js';

/** LangChain's OpenAI integration, current and pre-0.1 paths. */
export const LANGCHAIN_MODULES = [
  '@langchain/openai', 'langchain/chat_models/openai', 'langchain/embeddings/openai', 'langchain/llms/openai',
];
export const langchainPrefilter: SourcePrefilter = { modules: LANGCHAIN_MODULES, terms: [] };
