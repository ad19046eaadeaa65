import { apiNeeds } from '../openai/capabilities.js';
import type { Source } from '../source.js';
import { calls } from './detectors/calls.js';
import { clients } from './detectors/clients.js';
import { AZURE_MODULE, azureClientModel } from './model.js';
import { azureClientPrefilter } from './prefilter.js';

/**
 * `@azure/openai` 1.x: `OpenAIClient` and its deployment-first methods. Its imports are reported by the openai
 * source (which has always listed the package), as `azure-openai-client` when they name OpenAIClient.
 */
export const azureClientSource: Source = {
  id: 'azure-openai-client',
  prefilter: azureClientPrefilter,
  modules: (specifier) => specifier === AZURE_MODULE,
  model: azureClientModel,
  detectors: [clients, calls],
  needs: (site) => (site.api ? apiNeeds(site.api) : null),
};
