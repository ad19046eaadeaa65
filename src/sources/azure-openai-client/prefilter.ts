import type { SourcePrefilter } from '../prefilter-terms.js';

/** `@azure/openai` 1.x (`OpenAIClient`); the openai source already lists the package for its imports. */
export const azureClientPrefilter: SourcePrefilter = { modules: ['@azure/openai'], terms: [] };
