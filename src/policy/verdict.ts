/**
 * The compatibility verdict `scan` shows: for each site and provider, `ok`, `caveat` or `blocked`, with a
 * one-sentence reason. It is the policy's decision (decide.ts) read for display; `migrate` acts on the
 * same decision, so the two always agree.
 */
import type { Site } from '../scan/sites.js';
import type { Template } from '../templates/schema.js';
import { unmigratedSources } from '../sources/labels.js';
import { decide, UNCONFIRMED, type DecideOptions, type Step, type Verdict } from './decide.js';

export type { Verdict } from './decide.js';

export interface VerdictReason {
  verdict: Verdict;
  /** What the reason is about: a capability, a request field, `model`, `api`, `client`, `import`, `env`. */
  subject: string;
  /** One English sentence naming the api/feature and the provider. */
  reason: string;
  /** An ok step the user must still read (migrate writes it as a `qianyi:` note): stored embeddings to redo. */
  review?: true;
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

const asReason = ({ verdict, subject, reason, review }: Step): VerdictReason => ({ verdict, subject, reason, ...(review ? { review } : {}) });

/** The verdict for one site on one provider; `sites` are the other sites of the scan (see `decide`). */
export function verdictForSite(site: Site, template: Template, sites: readonly Site[] = [], options: DecideOptions = {}): SiteVerdict {
  const d = decide(site, template, options, sites);
  // Reasons explain what is not ok; ok reasons are shown only when there is nothing else to say.
  const problems = d.steps.filter((s) => s.verdict !== 'ok' || s.review);
  const reasons = (problems.length > 0 ? problems : d.steps).map(asReason);
  return { site: site.id, provider: template.id, verdict: d.verdict, reason: d.reason, reasons };
}

/** Every site's verdict on every provider, in the templates' order. */
export function verdictsForSites(sites: readonly Site[], templates: readonly Template[], given: DecideOptions = {}): ProviderVerdicts[] {
  const options: DecideOptions = { otherSources: unmigratedSources(sites), ...given };
  return templates.map((t) => ({ provider: t.id, verdicts: sites.map((s) => verdictForSite(s, t, sites, options)) }));
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
