import { ts } from '../../../analysis/typescript/parse.js';
import type { Evaluator, SourceValue } from '../../../analysis/typescript/evaluator.js';
import { requestFeatures } from '../../openai/detectors/features.js';
import { claimModel, modelOf, objectOf, propertyOf } from '../../shared.js';
import type { Detector } from '../../source.js';
import { operationOfUrl } from '../surface.js';
import { foldString } from '../url.js';

interface Request {
  client: string;
  url?: ts.Expression;
  /** A base URL the client instance was made with. */
  base?: string;
  body?: ts.Expression;
}

/**
 * A request written by hand to OpenAI's REST API: `fetch`, axios, got or ky, to `https://api.openai.com/v1/...`
 * as a literal, a template string, a constant or a base URL (an instance's, or a variable's).
 */
export const calls: Detector = {
  id: 'http-calls',
  description: 'fetch/axios/got/ky requests to https://api.openai.com/v1/...',
  detect(ctx) {
    for (const call of ctx.nodes.calls) {
      const callee = ctx.evaluator.expr(call.expression);
      if (callee.k !== 'source' || callee.source !== 'http') continue;
      const request = requestOf(callee, call, ctx.evaluator);
      if (!request) continue;
      const path = foldString(request.url, ctx.evaluator);
      const url = path === undefined ? undefined : request.base !== undefined && !/^https?:/.test(path) ? joinUrl(request.base, path) : path;
      const api = url === undefined ? undefined : operationOfUrl(url);
      if (!api) continue;
      const body = objectOf(unwrapJson(request.body), ctx.evaluator);
      const ref = modelOf(propertyOf(body, 'model'), ctx.evaluator);
      claimModel(ctx, ref, 'http', call);
      ctx.report(call, {
        kind: 'call', sdk: 'http', api, model: ref.model, features: requestFeatures('create', body, ctx.evaluator),
        confidence: 'certain', name: request.client,
      });
    }
  },
};

/** Where the URL and the body are, by client and method. */
function requestOf(callee: SourceValue, call: ts.CallExpression, ev: Evaluator): Request | undefined {
  const [a0, a1] = call.arguments;
  if (callee.type === 'fetch') return { client: 'fetch', url: a0, body: propertyOf(objectOf(a1, ev), 'body') };
  const client = callee.type === 'client' ? callee : callee.type === 'method' ? callee.base : undefined;
  if (!client) return undefined;
  const name = client.name ?? 'http';
  const base = client.url;
  const axios = name === 'axios';
  if (callee.type === 'client' || callee.name === 'request') {
    // axios(config), axios(url, config), got(url, options), ky(url, options)
    const config = objectOf(a0, ev);
    if (config) {
      const own = foldString(propertyOf(config, 'baseURL'), ev);
      return { client: name, url: propertyOf(config, 'url'), base: own ?? base, body: propertyOf(config, axios ? 'data' : 'json') };
    }
    return { client: name, url: a0, base, body: propertyOf(objectOf(a1, ev), axios ? 'data' : 'json') };
  }
  if (axios) return { client: name, url: a0, base, body: callee.name === 'get' || callee.name === 'delete' ? undefined : a1 };
  return { client: name, url: a0, base, body: propertyOf(objectOf(a1, ev), 'json') };
}

/** `JSON.stringify({...})` → `{...}`. */
function unwrapJson(body: ts.Expression | undefined): ts.Expression | undefined {
  if (body && ts.isCallExpression(body) && ts.isPropertyAccessExpression(body.expression) &&
    ts.isIdentifier(body.expression.expression) && body.expression.expression.text === 'JSON' &&
    body.expression.name.text === 'stringify') {
    return body.arguments[0];
  }
  return body;
}

function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

