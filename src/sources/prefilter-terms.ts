/**
 * What makes a file worth parsing, per source: its module specifiers (matched only as `from '…'`,
 * `require('…')` or `import('…')`, never as loose strings) and a few distinctive terms. Kept apart from the
 * sources themselves so that the prefilter (which runs on a worker, before the parser loads) stays light.
 */
import { aiSdkPrefilter } from './ai-sdk/prefilter.js';
import { azureClientPrefilter } from './azure-openai-client/prefilter.js';
import { chatgptPrefilter } from './chatgpt/prefilter.js';
import { httpPrefilter } from './http/prefilter.js';
import { langchainPrefilter } from './langchain/prefilter.js';
import { openaiEdgePrefilter } from './openai-edge/prefilter.js';
import { openaiPrefilter } from './openai/prefilter.js';

export interface SourcePrefilter {
  /** Module specifiers: a package (its subpaths match too) or one exact path. */
  modules: readonly string[];
  /** Extra regex alternatives (literal text, no nested quantifiers). */
  terms: readonly string[];
  /**
   * Module specifiers (exact) that make a file a candidate only when some file of the tree names one of
   * `modules`: a route that imports `ai` can only reach OpenAI through a model made with `@ai-sdk/openai`.
   */
  weakModules?: readonly string[];
}

export const PREFILTERS: readonly SourcePrefilter[] = [
  openaiPrefilter, aiSdkPrefilter, langchainPrefilter, httpPrefilter, openaiEdgePrefilter, azureClientPrefilter,
  chatgptPrefilter,
];

/** True when `specifier` is one of `modules` or a subpath of one. */
export function matchesModule(modules: readonly string[], specifier: string): boolean {
  return modules.some((m) => specifier === m || specifier.startsWith(`${m}/`));
}
