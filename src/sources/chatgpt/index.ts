import { apiNeeds } from '../openai/capabilities.js';
import { importsDetector } from '../imports.js';
import type { Source } from '../source.js';
import { calls } from './detectors/calls.js';
import { clients } from './detectors/clients.js';
import { CHATGPT_MODULE, chatgptModel } from './model.js';
import { chatgptPrefilter } from './prefilter.js';

/** The `chatgpt` package's ChatGPTAPI (chat completions through its own client). */
export const chatgptSource: Source = {
  id: 'chatgpt',
  prefilter: chatgptPrefilter,
  modules: (specifier) => specifier === CHATGPT_MODULE,
  model: chatgptModel,
  detectors: [importsDetector('chatgpt', 'imports of the chatgpt package', (s) => s === CHATGPT_MODULE), clients, calls],
  needs: (site) => (site.api ? apiNeeds(site.api) : null),
};
