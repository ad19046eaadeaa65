/**
 * The compatibility verdict: for each site and provider, `ok`, `caveat` or `blocked`, with a one-sentence reason.
 *
 * - `ok`: works as written once the client points at the provider.
 * - `caveat`: works with a change the migration makes (a mapped model, a clamped or removed parameter, a
 *   re-pointed client), or the provider supports it only partially, or support is unconfirmed. An `unknown`
 *   capability is always a caveat whose reason starts with "unconfirmed:"; it is never guessed either way.
 * - `blocked`: the provider lacks the endpoint or feature (capability `no`), except for request fields the
 *   migration can simply remove (`seed`, `stream_options`), which are caveats.
 *
 * The Site does not say which `tool_choice` value is used: a written `tool_choice` is judged as a forced one
 * (`required` or a named function), since `auto` is the default and that is where providers differ.
 */
import type { Site } from '../pipeline/sites.js';
import {
  apiNeeds,
  CAPABILITY_LABELS,
  DECLARE_FIELDS,
  DROPPABLE_CAPABILITIES,
  FEATURE_CAPABILITIES,
  OPENAI_RANGES,
} from '../templating/capabilities.js';
import { mapModel } from '../templating/models.js';
import {
  formatInterval,
  parseInterval,
  type Capability,
  type FieldRule,
  type ModelKind,
  type Template,
} from '../templating/schema.js';

export type Verdict = 'ok' | 'caveat' | 'blocked';

export interface VerdictReason {
  verdict: Verdict;
  /** What the reason is about: a capability, a request field, `model`, `api`, `client`, `import`, `env`. */
  subject: string;
  /** One English sentence naming the api/feature and the provider. */
  reason: string;
}

export interface SiteVerdict {
  site: string;
  provider: string;
  /** The worst of `reasons`. */
  verdict: Verdict;
  /** The first reason with that verdict. */
  reason: string;
  reasons: VerdictReason[];
}

export interface ProviderVerdicts {
  provider: string;
  verdicts: SiteVerdict[];
}

export interface ProviderRank {
  provider: string;
  ok: number;
  caveat: number;
  blocked: number;
}

const SEVERITY: Record<Verdict, number> = { ok: 0, caveat: 1, blocked: 2 };

const withNote = (note: string | undefined) => (note ? ` (${note})` : '');

/** The reason a capability gives, or null when the provider supports it. `subject` is the api or the env var. */
function capabilityReason(t: Template, cap: Capability, subject: string, field?: string): VerdictReason | null {
  const { support, note } = t.capabilities[cap];
  const p = t.name.en;
  const label = CAPABILITY_LABELS[cap];
  switch (support) {
    case 'yes':
      return null;
    case 'no':
      if (DROPPABLE_CAPABILITIES.has(cap)) {
        return {
          verdict: 'caveat',
          subject: cap,
          reason: `${subject} sets ${field ?? cap}, which ${p} does not support, so the migration removes it${withNote(note)}.`,
        };
      }
      return { verdict: 'blocked', subject: cap, reason: `${subject} needs ${label}, which ${p} does not support${withNote(note)}.` };
    case 'partial':
      return {
        verdict: 'caveat',
        subject: cap,
        reason: `${subject} needs ${label}, which ${p} supports only partially${withNote(note)}.`,
      };
    case 'unknown':
      return {
        verdict: 'caveat',
        subject: cap,
        reason: `unconfirmed: ${subject} needs ${label}, which is not confirmed for ${p}${withNote(note)}.`,
      };
  }
}

function fieldRule(t: Template, field: string): FieldRule | undefined {
  if (field === 'temperature') return t.params.temperature;
  if (field === 'top_p') return t.params.top_p;
  return t.params.fields[field];
}

/** The reason a request field gives (ranges, renames, removals), or null when it passes as written. */
function fieldReason(t: Template, field: string, api: string): VerdictReason | null {
  const p = t.name.en;
  const rule = fieldRule(t, field);
  const caveat = (reason: string): VerdictReason => ({ verdict: 'caveat', subject: field, reason });
  if (!rule) {
    return DECLARE_FIELDS.has(field)
      ? caveat(`unconfirmed: ${api} sets ${field}, which ${p}'s template does not document.`)
      : null;
  }
  const note = withNote(rule.note);
  const openaiRange = OPENAI_RANGES[field];
  if (rule.range && openaiRange && rule.range.replace(/\s/g, '') !== openaiRange.replace(/\s/g, '')) {
    const r = parseInterval(rule.range);
    if (r.min === r.max && !r.minExclusive && !r.maxExclusive) {
      return caveat(`${api} sets ${field}, which ${p} fixes at ${r.min}, so the migration removes it${note}.`);
    }
    return caveat(`${api} sets ${field}, which the migration clamps to ${p}'s range ${formatInterval(r)}${note}.`);
  }
  switch (rule.support) {
    case 'yes':
      return null;
    case 'partial':
      return caveat(`${api} sets ${field}, which ${p} supports only partially${note}.`);
    case 'ignored':
      return caveat(`${api} sets ${field}, which ${p} ignores${note}.`);
    case 'rejected':
      return caveat(`${api} sets ${field}, which ${p} rejects, so the migration removes it${note}.`);
    case 'renamed':
      return caveat(`${api} sets ${field}, which the migration renames to ${rule.to} for ${p}${note}.`);
    case 'unknown':
      return caveat(`unconfirmed: ${api} sets ${field}, which is not confirmed for ${p}${note}.`);
  }
}

/** The reason a model id gives; `who` is `chat.completions.create uses model gpt-4o` or `Model literal gpt-4o`. */
function modelReason(t: Template, model: string, who: string): VerdictReason {
  const p = t.name.en;
  const m = mapModel(t, model);
  const r = (verdict: Verdict, clause: string): VerdictReason => ({
    verdict,
    subject: 'model',
    reason: `${verdict === 'caveat' && m.how === 'unknown' ? 'unconfirmed: ' : ''}${who}: ${clause}.`,
  });
  switch (m.how) {
    case 'identical':
      return r('ok', `${p} serves it under the same id`);
    case 'mapped':
      return r('caveat', `the migration maps it to ${m.model} on ${p}`);
    case 'default':
      return model.startsWith('ft:')
        ? r('caveat', `it is a fine-tuned model with no counterpart on ${p}, so the migration uses the default ${m.kind} model ${m.model}`)
        : r('caveat', `${p}'s template has no mapping for it, so the migration uses the default ${m.kind} model ${m.model}`);
    case 'none':
      return r('blocked', `${p} has no ${m.kind} model to replace it`);
    case 'unknown':
      return r('caveat', `it is not an OpenAI model qianyi knows, nor one that ${p}'s template names`);
  }
}

/** A call whose model is not a literal: the provider must still have a model of that kind. */
function dynamicModelReason(t: Template, kind: ModelKind, api: string): VerdictReason {
  const p = t.name.en;
  const fallback = t.models.defaults[kind];
  return fallback
    ? {
        verdict: 'caveat',
        subject: 'model',
        reason: `${api} takes its model at run time, so the migration cannot map it: it must name a ${p} ${kind} model such as ${fallback}.`,
      }
    : { verdict: 'blocked', subject: 'model', reason: `${api} takes a ${kind} model, and ${p} has no ${kind} model.` };
}

function callReasons(site: Site, t: Template): VerdictReason[] {
  const api = site.api ?? 'an unrecognised call';
  const needs = site.api ? apiNeeds(site.api) : null;
  const reasons: (VerdictReason | null)[] = [];
  if (!needs) {
    reasons.push({
      verdict: 'caveat',
      subject: 'api',
      reason: `unconfirmed: qianyi does not know the SDK call ${api}, so check by hand whether ${t.name.en} supports it.`,
    });
  } else {
    reasons.push(capabilityReason(t, needs.capability, api));
  }
  const seen = new Set<Capability>(needs ? [needs.capability] : []);
  for (const feature of site.features) {
    const cap = FEATURE_CAPABILITIES[feature];
    if (cap) {
      if (!seen.has(cap)) reasons.push(capabilityReason(t, cap, api, feature));
      seen.add(cap);
    } else {
      reasons.push(fieldReason(t, feature, api));
    }
  }
  if (needs?.modelKind) {
    reasons.push(
      site.model === null
        ? dynamicModelReason(t, needs.modelKind, api)
        : modelReason(t, site.model, `${api} uses model ${site.model}`),
    );
  }
  const found = reasons.filter((r): r is VerdictReason => r !== null);
  return found.length > 0 ? found : [{ verdict: 'ok', subject: 'api', reason: `${api} works on ${t.name.en} as written.` }];
}

function importReasons(site: Site, t: Template): VerdictReason[] {
  const p = t.name.en;
  if (site.sdk === 'openai-v3') {
    return [{
      verdict: 'caveat',
      subject: 'import',
      reason: `This import is the openai 3.x SDK, whose Configuration the migration re-points to ${p}.`,
    }];
  }
  if (site.sdk === 'azure-openai') {
    return [{
      verdict: 'caveat',
      subject: 'import',
      reason: `This import is the Azure OpenAI client, which the migration replaces with an OpenAI client for ${p}.`,
    }];
  }
  return [{
    verdict: 'ok',
    subject: 'import',
    reason: `The import of ${site.name ?? 'openai'} stays as it is: ${p} is reached through the same SDK.`,
  }];
}

function clientReasons(site: Site, t: Template): VerdictReason[] {
  const p = t.name.en;
  const region = t.regions[t.defaultRegion];
  const reasons: VerdictReason[] = [{
    verdict: 'caveat',
    subject: 'client',
    reason: `The ${site.name ?? 'OpenAI'} client is re-pointed to ${p} (baseURL ${region?.baseURL ?? '?'}, key from ${t.apiKey.env}).`,
  }];
  for (const option of ['organization', 'project']) {
    if (site.options?.includes(option)) {
      reasons.push({
        verdict: 'caveat',
        subject: 'client',
        reason: `The client sets ${option}, which ${p} does not use, so the migration removes it.`,
      });
    }
  }
  if (site.options?.includes('webhookSecret')) {
    const r = capabilityReason(t, 'webhooks', 'The client option webhookSecret');
    if (r) reasons.push(r);
  }
  return reasons;
}

function envReasons(site: Site, t: Template): VerdictReason[] {
  const p = t.name.en;
  const name = site.name ?? 'an OpenAI environment variable';
  const caveat = (reason: string): VerdictReason[] => [{ verdict: 'caveat', subject: 'env', reason }];
  if (name === 'OPENAI_API_KEY' || name === 'AZURE_OPENAI_API_KEY') {
    return caveat(`${name} is replaced by ${t.apiKey.env} for ${p}.`);
  }
  if (name === 'OPENAI_BASE_URL' || name === 'OPENAI_API_BASE' || name === 'AZURE_OPENAI_ENDPOINT') {
    return caveat(`${name} is replaced by ${p}'s base URL ${t.regions[t.defaultRegion]?.baseURL ?? '?'}.`);
  }
  if (name === 'OPENAI_MODEL') {
    const chat = t.models.defaults.chat;
    return caveat(`${name} must name a ${p} model${chat ? ` such as ${chat}` : ''}.`);
  }
  if (name === 'OPENAI_WEBHOOK_SECRET') {
    return [capabilityReason(t, 'webhooks', name) ?? { verdict: 'ok', subject: 'env', reason: `${name} keeps working with ${p}.` }];
  }
  return caveat(`${name} has no equivalent on ${p}, so the migration stops using it.`);
}

function modelSiteReasons(site: Site, t: Template): VerdictReason[] {
  if (site.model === null) return [{ verdict: 'ok', subject: 'model', reason: `This model site has no value to map for ${t.name.en}.` }];
  return [modelReason(t, site.model, `Model literal ${site.model}`)];
}

/** The verdict for one site on one provider. */
export function verdictForSite(site: Site, template: Template): SiteVerdict {
  const reasons =
    site.kind === 'call'
      ? callReasons(site, template)
      : site.kind === 'model'
        ? modelSiteReasons(site, template)
        : site.kind === 'import'
          ? importReasons(site, template)
          : site.kind === 'client'
            ? clientReasons(site, template)
            : envReasons(site, template);
  // The headline is the first of the worst reasons (the endpoint comes before features, features before model).
  let worst = reasons[0] as VerdictReason;
  for (const r of reasons) if (SEVERITY[r.verdict] > SEVERITY[worst.verdict]) worst = r;
  return { site: site.id, provider: template.id, verdict: worst.verdict, reason: worst.reason, reasons };
}

/** Every site's verdict on every provider, in the templates' order. */
export function verdictsForSites(sites: readonly Site[], templates: readonly Template[]): ProviderVerdicts[] {
  return templates.map((t) => ({ provider: t.id, verdicts: sites.map((s) => verdictForSite(s, t)) }));
}

/** Counts per provider, best first: fewest blocked, then fewest caveats, then id. */
export function rankProviders(results: readonly ProviderVerdicts[]): ProviderRank[] {
  const ranks = results.map((r) => {
    const count = (v: Verdict) => r.verdicts.filter((x) => x.verdict === v).length;
    return { provider: r.provider, ok: count('ok'), caveat: count('caveat'), blocked: count('blocked') };
  });
  return ranks.sort(
    (a, b) => a.blocked - b.blocked || a.caveat - b.caveat || (a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : 0),
  );
}
