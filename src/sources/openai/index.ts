import type { Source } from '../source.js';
import { apiNeeds } from './capabilities.js';
import { detectors } from './detectors/index.js';
import { openaiPrefilter } from './prefilter.js';
import { isSdkModule } from './surface.js';

/**
 * The openai npm SDK (4.x to 7.x, the 3.x `OpenAIApi`, `AzureOpenAI`). Its values (the module, its classes,
 * clients and resources) are the evaluator's built-in kinds, so its model has nothing to add.
 */
export const openaiSource: Source = {
  id: 'openai',
  prefilter: openaiPrefilter,
  modules: isSdkModule,
  model: { exportOf: () => undefined },
  detectors: Object.values(detectors),
  needs: (site) => (site.api ? apiNeeds(site.api) : null),
};
