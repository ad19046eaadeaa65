import type { SourcePrefilter } from '../prefilter-terms.js';

/**
 * The AI SDK's OpenAI and Azure providers; and `ai` itself, whose calls may take a model made in another
 * module, but only in a tree where some file imports one of those providers (most files that import `ai` use
 * another provider, or only its UI hooks).
 */
export const aiSdkPrefilter: SourcePrefilter = { modules: ['@ai-sdk/openai', '@ai-sdk/azure'], terms: ['\\bOpenAIStream\\b'], weakModules: ['ai', 'ai/rsc'] };
