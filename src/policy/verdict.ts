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
 * A call's `toolChoice` says which tool_choice it writes: `auto` (and `none`, where the template lists it) is
 * fine; a forced one (`required`, a named function) or one that is not a literal is judged by the capability,
 * since that is where providers differ. (The migration then switches a forced choice to `auto` with a note.)
 */
import type { Site } from '../scan/sites.js';
import {
  apiNeeds,
  CAPABILITY_LABELS,
  DECLARE_FIELDS,
  DROPPABLE_CAPABILITIES,
  FEATURE_CAPABILITIES,
  OPENAI_RANGES,
} from '../sources/openai/capabilities.js';
import { mapModel } from '../sources/openai/models.js';
import type { FieldRule, Template } from '../templates/schema.js';
import { formatInterval, parseInterval, type Capability, type ModelKind } from '../templates/vocabulary.js';

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
  /** Caveat sites with at least one unconfirmed reason (included in `caveat`; shown, not used for ordering). */
  unconfirmed: number;
}

const SEVERITY: Record<Verdict, number> = { ok: 0, caveat: 1, blocked: 2 };

/** Reasons about unconfirmed support start with this (the ranking counts them). */
const UNCONFIRMED = 'unconfirmed: ';

const because = (verdict: Verdict, subject: string, reason: string): VerdictReason => ({ verdict, subject, reason });

// Notes often hold parentheses themselves, so they follow a colon.
const withNote = (note: string | undefined) => (note ? `: ${note}` : '');

/** The reason a capability gives, or null when the provider supports it. `who` is the api or the env var. */
function capabilityReason(t: Template, cap: Capability, who: string, field?: string): VerdictReason | null {
  const { support, note } = t.capabilities[cap];
  const p = t.name.en;
  const label = CAPABILITY_LABELS[cap];
  switch (support) {
    case 'yes':
      return null;
    case 'no':
      return DROPPABLE_CAPABILITIES.has(cap)
        ? because('caveat', cap, `${who} sets ${field ?? cap}, which ${p} does not support, so the migration removes it${withNote(note)}.`)
        : because('blocked', cap, `${who} needs ${label}, which ${p} does not support${withNote(note)}.`);
    case 'partial':
      return because('caveat', cap, `${who} needs ${label}, which ${p} supports only partially${withNote(note)}.`);
    case 'unknown':
      return because('caveat', cap, `${UNCONFIRMED}${who} needs ${label}, which is not confirmed for ${p}${withNote(note)}.`);
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
  const caveat = (text: string) => because('caveat', field, text);
  if (!rule) {
    return DECLARE_FIELDS.has(field) ? caveat(`${UNCONFIRMED}${api} sets ${field}, which ${p}'s template does not document.`) : null;
  }
  const note = withNote(rule.note);
  const openaiRange = OPENAI_RANGES[field];
  if (rule.range && openaiRange && formatInterval(parseInterval(rule.range)) !== openaiRange) {
    const r = parseInterval(rule.range);
    return r.min === r.max && !r.minExclusive && !r.maxExclusive
      ? caveat(`${api} sets ${field}, which ${p} fixes at ${r.min}, so the migration removes it${note}.`)
      : caveat(`${api} sets ${field}, which the migration clamps to ${p}'s range ${formatInterval(r)}${note}.`);
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
      return caveat(`${UNCONFIRMED}${api} sets ${field}, which is not confirmed for ${p}${note}.`);
  }
}

/** The capability behind each kind of model, to judge a provider that names no model of that kind. */
const KIND_CAPABILITY: Record<ModelKind, Capability> = {
  chat: 'chat',
  reasoning: 'chat',
  vision: 'vision',
  embedding: 'embeddings',
  image: 'images',
  transcription: 'audio_transcription',
  speech: 'audio_speech',
  moderation: 'moderations',
};

/**
 * No model of a kind: blocked only when the provider lacks the capability outright. When the capability is
 * unknown (or the template simply names no model), the user has to pick one: a caveat, never a guess.
 */
function noModelReason(t: Template, kind: ModelKind, who: string): VerdictReason {
  const p = t.name.en;
  const support = t.capabilities[KIND_CAPABILITY[kind]].support;
  if (support === 'no') return because('blocked', 'model', `${who}: ${p} has no ${kind} model to replace it.`);
  const prefix = support === 'unknown' ? UNCONFIRMED : '';
  return because('caveat', 'model', `${prefix}${who}: ${p}'s template names no ${kind} model, so one has to be chosen by hand.`);
}

/** The reason a model id gives; `who` is `chat.completions.create uses model gpt-4o` or `Model literal gpt-4o`. */
function modelReason(t: Template, model: string, who: string): VerdictReason {
  const p = t.name.en;
  const m = mapModel(t, model);
  switch (m.how) {
    case 'identical':
      return because('ok', 'model', `${who}: ${p} serves it under the same id.`);
    case 'mapped':
      return because('caveat', 'model', `${who}: the migration maps it to ${m.model} on ${p}.`);
    case 'default': {
      const why = model.startsWith('ft:')
        ? `it is a fine-tuned model with no counterpart on ${p}`
        : `${p}'s template has no mapping for it`;
      return because('caveat', 'model', `${who}: ${why}, so the migration uses the default ${m.kind} model ${m.model}.`);
    }
    case 'none':
      return noModelReason(t, m.kind, who);
    case 'unknown':
      return because(
        'caveat',
        'model',
        `${UNCONFIRMED}${who}: it is not an OpenAI model qianyi knows, nor one that ${p}'s template names.`,
      );
  }
}

/** A call whose model is not a literal: the migration cannot map it. */
function dynamicModelReason(t: Template, kind: ModelKind, api: string): VerdictReason {
  const fallback = t.models.defaults[kind];
  if (!fallback) return noModelReason(t, kind, `${api} takes a ${kind} model`);
  return because(
    'caveat',
    'model',
    `${api} takes its model at run time, so the migration cannot map it: ` +
      `it must name a ${t.name.en} ${kind} model such as ${fallback}.`,
  );
}

function callReasons(site: Site, t: Template): VerdictReason[] {
  const api = site.api ?? 'an unrecognised call';
  const needs = site.api ? apiNeeds(site.api) : null;
  const reasons: (VerdictReason | null)[] = [
    needs
      ? capabilityReason(t, needs.capability, api)
      : because(
          'caveat',
          'api',
          `${UNCONFIRMED}qianyi does not know the SDK call ${api}, so check by hand whether ${t.name.en} supports it.`,
        ),
  ];
  const seen = new Set<Capability>(needs ? [needs.capability] : []);
  for (const feature of site.features) {
    const cap = FEATURE_CAPABILITIES[feature];
    if (!cap) reasons.push(fieldReason(t, feature, api));
    else if (cap === 'tool_choice' && acceptsToolChoice(t, site.toolChoice)) continue;
    else if (!seen.has(cap)) reasons.push(capabilityReason(t, cap, api, feature));
    if (cap) seen.add(cap);
  }
  // A missing endpoint already blocks the call; the model adds nothing then.
  if (needs?.modelKind && t.capabilities[needs.capability].support !== 'no') {
    reasons.push(
      site.model === null
        ? dynamicModelReason(t, needs.modelKind, api)
        : modelReason(t, site.model, `${api} uses model ${site.model}`),
    );
  }
  const found = reasons.filter((r): r is VerdictReason => r !== null);
  // Reasons explain what is not ok; an ok reason is kept only when there is nothing else to say.
  const problems = found.filter((r) => r.verdict !== 'ok');
  if (problems.length > 0) return problems;
  return found.length > 0 ? found : [because('ok', 'api', `${api} works on ${t.name.en} as written.`)];
}

/**
 * Whether the tool_choice the call writes is one the provider takes. `auto` is the default every
 * OpenAI-compatible provider serves; `none` is judged by the template's modes. A forced choice (`required`,
 * a named function) or a value that is not a literal is judged by the tool_choice capability.
 */
function acceptsToolChoice(t: Template, mode: Site['toolChoice']): boolean {
  if (mode === 'auto') return true;
  const modes = t.params.toolChoiceModes;
  return mode === 'none' && modes !== 'unknown' && modes.includes('none');
}

function importReasons(site: Site, t: Template): VerdictReason[] {
  const p = t.name.en;
  if (site.sdk === 'openai-v3') {
    return [because('caveat', 'import', `This import is the openai 3.x SDK, whose Configuration the migration re-points to ${p}.`)];
  }
  if (site.sdk === 'azure-openai') {
    return [
      because(
        'caveat',
        'import',
        `This import is the Azure OpenAI client, which the migration replaces with an OpenAI client for ${p}.`,
      ),
    ];
  }
  return [because('ok', 'import', `The import of ${site.name ?? 'openai'} stays as it is: ${p} is reached through the same SDK.`)];
}

function clientReasons(site: Site, t: Template): VerdictReason[] {
  const p = t.name.en;
  const baseURL = t.regions[t.defaultRegion]?.baseURL ?? '?';
  const reasons = [
    because(
      'caveat',
      'client',
      `The ${site.name ?? 'OpenAI'} client is re-pointed to ${p} (baseURL ${baseURL}, key from ${t.apiKey.env}).`,
    ),
  ];
  for (const option of ['organization', 'project']) {
    if (site.options?.includes(option)) {
      reasons.push(because('caveat', 'client', `The client sets ${option}, which ${p} does not use, so the migration removes it.`));
    }
  }
  const webhooks = site.options?.includes('webhookSecret')
    ? capabilityReason(t, 'webhooks', 'The client option webhookSecret')
    : null;
  return webhooks ? [...reasons, webhooks] : reasons;
}

function envReasons(site: Site, t: Template): VerdictReason[] {
  const p = t.name.en;
  const name = site.name ?? 'an OpenAI environment variable';
  const caveat = (text: string) => [because('caveat', 'env', text)];
  switch (name) {
    case 'OPENAI_API_KEY':
    case 'AZURE_OPENAI_API_KEY':
      return caveat(`${name} is replaced by ${t.apiKey.env} for ${p}.`);
    case 'OPENAI_BASE_URL':
    case 'OPENAI_API_BASE':
    case 'AZURE_OPENAI_ENDPOINT':
      return caveat(`${name} is replaced by ${p}'s base URL ${t.regions[t.defaultRegion]?.baseURL ?? '?'}.`);
    case 'OPENAI_MODEL': {
      const chat = t.models.defaults.chat;
      return caveat(`${name} must name a ${p} model${chat ? ` such as ${chat}` : ''}.`);
    }
    case 'OPENAI_WEBHOOK_SECRET':
      return [capabilityReason(t, 'webhooks', name) ?? because('ok', 'env', `${name} keeps working with ${p}.`)];
    default:
      return caveat(`${name} has no equivalent on ${p}, so the migration stops using it.`);
  }
}

function modelSiteReasons(site: Site, t: Template): VerdictReason[] {
  // Model sites always carry their literal; the guard only keeps the types honest.
  if (site.model === null) return [because('ok', 'model', `This model site has no value to map for ${t.name.en}.`)];
  return [modelReason(t, site.model, `Model literal ${site.model}`)];
}

function siteReasons(site: Site, t: Template): VerdictReason[] {
  switch (site.kind) {
    case 'call':
      return callReasons(site, t);
    case 'model':
      return modelSiteReasons(site, t);
    case 'import':
      return importReasons(site, t);
    case 'client':
      return clientReasons(site, t);
    case 'env':
      return envReasons(site, t);
  }
}

/** The verdict for one site on one provider. */
export function verdictForSite(site: Site, template: Template): SiteVerdict {
  const reasons = siteReasons(site, template);
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
    const unconfirmed = r.verdicts.filter(
      (x) => x.verdict === 'caveat' && x.reasons.some((y) => y.reason.startsWith(UNCONFIRMED)),
    ).length;
    return { provider: r.provider, ok: count('ok'), caveat: count('caveat'), blocked: count('blocked'), unconfirmed };
  });
  const byId = (a: ProviderRank, b: ProviderRank) => (a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : 0);
  // Among equals, the provider with fewer unconfirmed facts behind its caveats ranks first.
  return ranks.sort((a, b) => a.blocked - b.blocked || a.caveat - b.caveat || a.unconfirmed - b.unconfirmed || byId(a, b));
}
