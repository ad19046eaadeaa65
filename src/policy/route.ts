/**
 * Routes: the calls of one capability go to a second provider (`--route embeddings=qwen`), for what the
 * first provider lacks. A route names a whole endpoint (embeddings, images, audio ...), never a request
 * feature: a request is sent to one provider as a whole, so it can never mix two.
 */
import { UsageError } from '../errors.js';
import { apiNeeds, CAPABILITY_LABELS } from '../sources/openai/capabilities.js';
import { resolveProviderId } from '../templates/builtins.js';
import { baseUrlEnv, regionBaseUrl } from './decide.js';
import type { Template } from '../templates/schema.js';
import type { Capability } from '../templates/vocabulary.js';

/** The capabilities a route may name: whole endpoints, with their own calls and their own models. */
export const ROUTABLE_CAPABILITIES = [
  'embeddings',
  'images',
  'image_edits',
  'audio_transcription',
  'audio_translation',
  'audio_speech',
  'moderations',
] as const satisfies readonly Capability[];
export type RoutableCapability = (typeof ROUTABLE_CAPABILITIES)[number];

export interface Route {
  capability: RoutableCapability;
  template: Template;
  /** The second provider's region: its template's default (its `<KEY>_BASE_URL` variable switches it). */
  region: string;
}

/** A route as data (run records, JSON output, the config file). */
export interface RouteRecord {
  capability: RoutableCapability;
  provider: string;
  region: string;
  /** The variables the second client reads: its key, and the base URL override. */
  apiKeyEnv: string;
  baseURLEnv: string;
  baseURL: string;
}

export const ROUTE_USAGE = `--route takes <capability>=<provider>, e.g. --route embeddings=qwen (capabilities: ${ROUTABLE_CAPABILITIES.join(', ')})`;

/** True when the template serves the capability well enough to take a route (`yes` or `partial`). */
export function serves(t: Template, capability: Capability): boolean {
  const support = t.capabilities[capability].support;
  return support === 'yes' || support === 'partial';
}

/**
 * `embeddings=qwen` values (flags or config) → routes, checked against the primary provider: one clear usage
 * error for a malformed value, an unknown capability or provider, a route to the primary provider, a second
 * route for the same capability, or a provider that does not serve the capability either.
 */
export function parseRoutes(values: readonly string[], primary: Template, templates: readonly Template[]): Route[] {
  const routes: Route[] = [];
  for (const value of values) {
    const match = /^\s*([a-z_]+)\s*=\s*([A-Za-z0-9_.-]+)\s*$/.exec(value);
    if (!match) throw new UsageError(`--route ${JSON.stringify(value)}: not <capability>=<provider>`, ROUTE_USAGE);
    const capability = match[1] as RoutableCapability;
    if (!(ROUTABLE_CAPABILITIES as readonly string[]).includes(capability)) {
      throw new UsageError(`--route ${value}: "${capability}" is not a capability a route can take`, ROUTE_USAGE);
    }
    let template: Template;
    try {
      template = resolveProviderId(match[2]!, templates);
    } catch {
      throw new UsageError(`--route ${value}: unknown provider "${match[2]}"`, `${ROUTE_USAGE}; providers: ${templates.map((t) => t.id).join(', ')}`);
    }
    if (template.id === primary.id) {
      throw new UsageError(`--route ${value}: ${template.id} is the provider of this migration already`, `${ROUTE_USAGE}; name a second provider`);
    }
    if (!serves(template, capability)) {
      const able = templates.filter((t) => t.id !== primary.id && serves(t, capability)).map((t) => t.id);
      throw new UsageError(`--route ${value}: ${template.name.en} does not serve ${CAPABILITY_LABELS[capability]} either`,
        able.length > 0 ? `${ROUTE_USAGE}; providers that serve it: ${able.join(', ')}` : ROUTE_USAGE);
    }
    if (routes.some((r) => r.capability === capability)) throw new UsageError(`--route ${value}: ${capability} is routed twice`, ROUTE_USAGE);
    routes.push({ capability, template, region: template.defaultRegion });
  }
  return routes;
}

/** The route a call's API takes, if any. */
export function routeForApi(api: string | null, routes: readonly Route[]): Route | undefined {
  if (!api || routes.length === 0) return undefined;
  const needs = apiNeeds(api);
  return needs ? routes.find((r) => r.capability === needs.capability) : undefined;
}

export function routeRecords(routes: readonly Route[]): RouteRecord[] {
  return routes.map((r) => ({
    capability: r.capability, provider: r.template.id, region: r.region,
    apiKeyEnv: r.template.apiKey.env, baseURLEnv: baseUrlEnv(r.template), baseURL: regionBaseUrl(r.template, r.region),
  }));
}

/** The `<capability>=<provider>` form of a route, as flags and the config file take it. */
export function routeFlag(r: RouteRecord | Route): string {
  return `${r.capability}=${'provider' in r ? r.provider : r.template.id}`;
}
