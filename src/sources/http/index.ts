import { apiNeeds } from '../openai/capabilities.js';
import type { Source } from '../source.js';
import { calls } from './detectors/calls.js';
import { httpModel } from './model.js';
import { httpPrefilter } from './prefilter.js';
import { HTTP_MODULES } from './surface.js';

/** Requests written by hand to OpenAI's REST API (fetch, axios, got, ky). */
export const httpSource: Source = {
  id: 'http',
  prefilter: httpPrefilter,
  modules: (specifier) => specifier in HTTP_MODULES,
  model: httpModel,
  detectors: [calls],
  needs: (site) => (site.api ? apiNeeds(site.api) : null),
};
