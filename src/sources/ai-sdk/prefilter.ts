import type { SourcePrefilter } from '../prefilter-terms.js';

/** The AI SDK's OpenAI provider, and `ai` itself (a route may call streamText with a model built elsewhere). */
export const aiSdkPrefilter: SourcePrefilter = { modules: ['@ai-sdk/openai', '@ai-sdk/azure', 'ai'], terms: [] };
