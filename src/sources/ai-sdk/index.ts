import { apiNeeds } from '../openai/capabilities.js';
import { importsDetector } from '../imports.js';
import { matchesModule } from '../prefilter-terms.js';
import type { Source } from '../source.js';
import { calls } from './detectors/calls.js';
import { clients } from './detectors/clients.js';
import { models } from './detectors/models.js';
import { aiSdkModel, AZURE_MODULE, isOtherProviderModule, PROVIDER_MODULE } from './model.js';
import { aiSdkPrefilter } from './prefilter.js';
import { OPENAI_HELPERS } from './surface.js';

/**
 * The Vercel AI SDK with its OpenAI provider (`@ai-sdk/openai`, `ai` 3.x–7.x; `ai` 2.x's OpenAIStream) and its
 * Azure OpenAI one (`@ai-sdk/azure`). Other `@ai-sdk/*` providers are known so that their model ids are not sites.
 */
export const aiSdkSource: Source = {
  id: 'ai-sdk',
  prefilter: aiSdkPrefilter,
  modules: (specifier) => matchesModule(aiSdkPrefilter.modules, specifier) || specifier === 'ai' || specifier === 'ai/rsc' || isOtherProviderModule(specifier),
  model: aiSdkModel,
  detectors: [
    importsDetector('ai-sdk', 'imports of @ai-sdk/openai and @ai-sdk/azure, and of the OpenAIStream helpers of ai 2.x',
      (s) => s === PROVIDER_MODULE || s === AZURE_MODULE || s === 'ai', (s, names) => s !== 'ai' || names.some((n) => OPENAI_HELPERS.has(n))),
    clients,
    calls,
    models,
  ],
  needs: (site) => (site.api ? apiNeeds(site.api) : null),
};
