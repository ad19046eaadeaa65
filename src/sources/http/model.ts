/**
 * How HTTP clients behave: `fetch` (global or from node-fetch, undici ...), axios, got and ky, and their
 * instances made with a base URL. The request itself is found by the calls detector, from the URL.
 */
import type { Value } from '../../analysis/typescript/evaluator.js';
import { FOREIGN, objectOf, propertyOf, value } from '../shared.js';
import type { SourceModel } from '../source.js';
import { foldString } from './url.js';
import { HTTP_MODULES, INSTANCE_METHODS, SEND_METHODS } from './surface.js';

function moduleExport(specifier: string, name: string): Value | undefined {
  const info = HTTP_MODULES[specifier];
  if (!info) return undefined;
  if (info.fetch) return name === 'default' || name === '=' || name === 'fetch' ? value('http', 'fetch', { name: 'fetch' }) : undefined;
  return name === 'default' || name === '=' || name === '*' ? value('http', 'client', { name: info.name }) : undefined;
}

export const httpModel: SourceModel = {
  exportOf: moduleExport,
  global: (name) => (name === 'fetch' ? value('http', 'fetch', { name: 'fetch' }) : undefined),
  member(base, name) {
    if (base.type === 'client' && name === 'default') return base;
    if (base.type === 'client' && SEND_METHODS.has(name)) return value('http', 'method', { name, base });
    if (base.type === 'client' && INSTANCE_METHODS.has(name)) return value('http', 'instance-maker', { name, base });
    return FOREIGN;
  },
  call(callee, call, ev) {
    if (callee.type !== 'instance-maker' || !callee.base) return FOREIGN;
    const options = objectOf(call.arguments[0], ev);
    const url = propertyOf(options, 'baseURL') ?? propertyOf(options, 'prefixUrl') ?? propertyOf(options, 'prefixURL');
    const base = foldString(url, ev) ?? callee.base.url;
    return value('http', 'client', { name: callee.base.name, ...(base !== undefined ? { url: base } : {}) });
  },
};
