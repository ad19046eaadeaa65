import { apiNeeds } from '../openai/capabilities.js';
import { importsDetector } from '../imports.js';
import type { Source } from '../source.js';
import { calls } from './detectors/calls.js';
import { clients } from './detectors/clients.js';
import { langchainModel } from './model.js';
import { LANGCHAIN_MODULES, langchainPrefilter } from './prefilter.js';

/** LangChain JS's OpenAI integration: `@langchain/openai` and the older `langchain/*\/openai` paths. */
export const langchainSource: Source = {
  id: 'langchain',
  prefilter: langchainPrefilter,
  modules: (specifier) => LANGCHAIN_MODULES.includes(specifier),
  model: langchainModel,
  detectors: [
    importsDetector('langchain', 'imports of @langchain/openai and langchain/{chat_models,embeddings,llms}/openai', (s) => LANGCHAIN_MODULES.includes(s)),
    clients,
    calls,
  ],
  needs: (site) => (site.api ? apiNeeds(site.api) : null),
};
