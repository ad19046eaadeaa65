import type { SourcePrefilter } from '../prefilter-terms.js';

export const openaiEdgePrefilter: SourcePrefilter = { modules: ['openai-edge'], terms: [] };
