import { ts } from '../../../analysis/typescript/parse.js';
import { rangedParams, toolChoiceOf } from '../../openai/detectors/calls.js';
import { requestFeatures } from '../../openai/detectors/features.js';
import { claimModel, modelOf, propertyOf } from '../../shared.js';
import type { Detector, SiteDraft } from '../../source.js';
import { requestBody, requestNodes, requestParts, usedElsewhere, type RequestParts } from '../request.js';
import { operationOfUrl } from '../surface.js';
import { foldString } from '../url.js';

/**
 * A request written by hand to OpenAI's REST API: `fetch`, axios, got or ky, to `https://api.openai.com/v1/...`
 * as a literal, a template string, a constant or a base URL (an instance's, or a variable's).
 */
export const calls: Detector = {
  id: 'http-calls',
  description: 'fetch/axios/got/ky requests to https://api.openai.com/v1/...',
  detect(ctx) {
    const found: Array<{ call: ts.CallExpression; draft: SiteDraft; parts: RequestParts }> = [];
    for (const call of ctx.nodes.calls) {
      const callee = ctx.evaluator.expr(call.expression);
      if (callee.k !== 'source' || callee.source !== 'http') continue;
      const request = requestNodes(callee, call, ctx.evaluator);
      if (!request) continue;
      const client = callee.type === 'client' ? callee : callee.type === 'method' ? callee.base : undefined;
      const own = request.options && foldString(propertyOf(request.options, 'baseURL'), ctx.evaluator);
      const base = own ?? client?.url;
      const path = foldString(request.url, ctx.evaluator);
      const url = path === undefined ? undefined : base !== undefined && !/^https?:/.test(path) ? joinUrl(base, path) : path;
      const api = url === undefined ? undefined : operationOfUrl(url);
      if (!api) continue;
      const body = requestBody(request.body, ctx.evaluator);
      const ref = modelOf(propertyOf(body, 'model'), ctx.evaluator);
      claimModel(ctx, ref, 'http', call);
      const draft: SiteDraft = {
        kind: 'call', sdk: 'http', api, model: ref.model, features: requestFeatures('create', body, ctx.evaluator),
        confidence: 'certain', name: request.client,
      };
      if (body) {
        draft.request = body.getSourceFile() === ctx.sf ? 'in-file' : 'other-file';
        const params = rangedParams(body);
        if (params) draft.params = params;
        if (draft.features.includes('tool_choice')) draft.toolChoice = toolChoiceOf(body);
      }
      if (ref.node) {
        const at = ref.node.getSourceFile() === ctx.sf && ref.node.pos >= call.pos && ref.node.end <= call.end && !isConstInit(ref.node) ? 'call' : 'elsewhere';
        draft.modelAt = at;
        if (at === 'elsewhere') draft.modelSite = ctx.siteId(ref.node, 'model');
      }
      found.push({ call, draft, parts: requestParts(request, ctx.sf) });
    }
    // A constant or instance a request is built from must serve only requests to OpenAI: rewriting it rewrites them all.
    const requests = found.map((f) => f.call);
    const allParts = new Set(found.flatMap((f) => f.parts.decls));
    for (const { call, draft, parts } of found) {
      const shared = parts.manual ? undefined : usedElsewhere(parts.decls, requests, allParts, ctx.sf);
      const manual = parts.manual ?? (shared ? `${(shared.name as ts.Identifier).text} is also used outside the requests to OpenAI` : undefined);
      if (manual) draft.held = manual;
      const links = [...parts.reads.map((r) => ctx.siteId(r, 'env')), ...parts.decls.map((d) => `${ctx.siteId(d.name, 'model').replace(/:model$/, ':const')}:${(d.name as ts.Identifier).text}`)];
      if (links.length > 0) draft.parts = [...new Set(links)].sort();
      ctx.report(call, draft);
    }
  },
};

function isConstInit(node: ts.Node): boolean {
  return ts.isVariableDeclaration(node.parent) && node.parent.initializer === node;
}

function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
