import { apiNeeds } from '../openai/capabilities.js';
import { importsDetector } from '../imports.js';
import type { Source } from '../source.js';
import { calls } from './detectors/calls.js';
import { clients } from './detectors/clients.js';
import { EDGE_MODULE, openaiEdgeModel } from './model.js';
import { openaiEdgePrefilter } from './prefilter.js';

/** openai-edge: the 3.x client shape on fetch, for edge runtimes. */
export const openaiEdgeSource: Source = {
  id: 'openai-edge',
  prefilter: openaiEdgePrefilter,
  modules: (specifier) => specifier === EDGE_MODULE,
  model: openaiEdgeModel,
  detectors: [importsDetector('openai-edge', 'imports of openai-edge', (s) => s === EDGE_MODULE), clients, calls],
  needs: (site) => (site.api ? apiNeeds(site.api) : null),
};
