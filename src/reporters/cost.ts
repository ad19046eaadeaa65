/**
 * What the scanned code would cost on a provider: the price of each provider model it would call (per
 * million tokens, with the currency and the date of the source), and the provider's free tier. Shown in the
 * scan's ranking and the wizard's provider choice, so that a team can compare before choosing.
 */
import type { Site } from '../scan/sites.js';
import { apiNeeds } from '../sources/openai/capabilities.js';
import { mapModel } from '../sources/openai/models.js';
import { formatPrice, modelPrice, type ModelPrice } from '../templates/catalog.js';
import type { Template } from '../templates/schema.js';

export interface ProviderCost {
  /** One entry per provider model the code would call; `price` is null where the catalog does not say. */
  models: Array<{ model: string; price: ModelPrice | null }>;
  freeTier: string | null;
}

/** The provider models the sites would send: literals as the migration maps them, run-time models as the default. */
export function modelsUsed(sites: readonly Site[], t: Template): string[] {
  const ids = new Set<string>();
  for (const site of sites) {
    if (site.kind !== 'call' && site.kind !== 'model') continue;
    if (site.model) {
      const m = mapModel(t, site.model);
      if ('model' in m) ids.add(m.model);
      continue;
    }
    const kind = site.kind === 'call' && site.api ? apiNeeds(site.api)?.modelKind : null;
    const fallback = kind ? t.models.defaults[kind] : null;
    if (fallback) ids.add(fallback);
  }
  return [...ids];
}

export function providerCost(sites: readonly Site[], t: Template): ProviderCost {
  return { models: modelsUsed(sites, t).map((model) => ({ model, price: modelPrice(t, model) })), freeTier: t.freeTier?.note ?? null };
}

/** `deepseek-flash CNY 2 / 8 (2026-12-01); free tier: ...`, or null when the code calls no model. */
export function costText(cost: ProviderCost | null | undefined): string | null {
  if (!cost || (cost.models.length === 0 && !cost.freeTier)) return null;
  const parts = cost.models.map(({ model, price }) => `${model} ${price ? `${formatPrice(price)}${price.date ? ` (${price.date})` : ''}` : 'price ?'}`);
  const text = parts.length > 0 ? `per 1M tokens in/out: ${parts.join(', ')}` : '';
  return [text, cost.freeTier ? `free tier: ${cost.freeTier}` : ''].filter(Boolean).join('; ');
}
