import type { SourcePrefilter } from '../prefilter-terms.js';

/** The `chatgpt` package (transitive-bullshit/chatgpt-api): `ChatGPTAPI`. */
export const chatgptPrefilter: SourcePrefilter = { modules: ['chatgpt'], terms: [] };
