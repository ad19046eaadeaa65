import type { SourcePrefilter } from '../prefilter-terms.js';

/**
 * Hand-written requests: OpenAI's host, or one of its endpoint paths (a file that builds the URL from a base
 * URL imported elsewhere). HTTP client packages are not listed: most files that import axios never call OpenAI.
 */
export const httpPrefilter: SourcePrefilter = {
  modules: [],
  terms: ['api\\.openai\\.com', '/chat/completions', '/embeddings[\'"`]', '/images/generations', '/audio/(?:transcriptions|speech)'],
};
