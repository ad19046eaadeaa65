import type { ScanResult } from '../scan/scan.js';
import type { Site, SkippedFile } from '../scan/sites.js';
import type { ProviderRank, ProviderVerdicts, Verdict } from '../policy/verdict.js';
import { VERSION } from '../version.js';
import type { ProviderCost } from './cost.js';

/** What one provider makes of one site. */
export interface SiteProviderVerdict {
  status: Verdict;
  reason: string;
}

/** A site as the JSON contract prints it (no internal offsets), with its verdict for each provider. */
export type ReportSite = Omit<Site, 'start' | 'end'> & { verdicts: Record<string, SiteProviderVerdict> };

/** The ranking of providers for the scanned code, best first. */
export interface ReportProvider {
  id: string;
  name: string;
  ok: number;
  caveat: number;
  blocked: number;
  /** Caveats that rest on facts the provider's docs do not confirm. */
  unconfirmed: number;
  /** The prices of the models this code would call there, and any free tier; null when not computed. */
  cost: ProviderCost | null;
}

/** The scan as every reporter sees it: plain data, the JSON contract of `qianyi scan --format json`. */
export interface ScanReport {
  tool: 'qianyi';
  version: string;
  root: string;
  summary: {
    filesScanned: number;
    filesWithSites: number;
    sites: number;
    skipped: number;
    byKind: Record<string, number>;
    byApi: Record<string, number>;
    byFeature: Record<string, number>;
    likely: number;
  };
  sites: ReportSite[];
  skipped: SkippedFile[];
  /** Providers ranked for this code (only the one asked for with --provider). */
  providers: ReportProvider[];
}

export interface VerdictInput {
  results: ProviderVerdicts[];
  ranks: ProviderRank[];
  names: Record<string, string>;
  costs?: Record<string, ProviderCost>;
}

export function toReport(result: ScanResult, verdicts: VerdictInput): ScanReport {
  const bySite = new Map<string, Record<string, SiteProviderVerdict>>();
  for (const { provider, verdicts: list } of verdicts.results) {
    for (const v of list) {
      const entry = bySite.get(v.site) ?? {};
      entry[provider] = { status: v.verdict, reason: v.reason };
      bySite.set(v.site, entry);
    }
  }
  const sites = result.sites.map(({ start: _start, end: _end, ...rest }) => ({ ...rest, verdicts: bySite.get(rest.id) ?? {} }));
  const byKind: Record<string, number> = { import: 0, client: 0, call: 0, env: 0, model: 0 };
  const byApi: Record<string, number> = {};
  const byFeature: Record<string, number> = {};
  for (const site of sites) {
    byKind[site.kind] = (byKind[site.kind] ?? 0) + 1;
    if (site.api) byApi[site.api] = (byApi[site.api] ?? 0) + 1;
    for (const feature of site.features) byFeature[feature] = (byFeature[feature] ?? 0) + 1;
  }
  return {
    tool: 'qianyi',
    version: VERSION,
    root: result.root,
    summary: {
      filesScanned: result.filesScanned,
      filesWithSites: new Set(sites.map((s) => s.file)).size,
      sites: sites.length,
      skipped: result.skipped.length,
      byKind,
      byApi: sortByCount(byApi),
      byFeature: sortByCount(byFeature),
      likely: sites.filter((s) => s.confidence === 'likely').length,
    },
    sites,
    skipped: result.skipped,
    providers: verdicts.ranks.map((r) => ({
      id: r.provider, name: verdicts.names[r.provider] ?? r.provider, ok: r.ok, caveat: r.caveat, blocked: r.blocked, unconfirmed: r.unconfirmed,
      cost: verdicts.costs?.[r.provider] ?? null,
    })),
  };
}

/** Most frequent first, then by name: the order the reports print totals in. */
export function sortByCount(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)));
}

/** Sites grouped by file, in report order. */
export function groupByFile<T extends { file: string }>(sites: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const site of sites) {
    const list = groups.get(site.file);
    if (list) list.push(site);
    else groups.set(site.file, [site]);
  }
  return groups;
}

/** One-line description of what a site is, shared by the human-readable reporters. */
export function describeSite(site: ReportSite): string {
  switch (site.kind) {
    case 'import':
      return `import of ${site.name}`;
    case 'client':
      return `new ${site.name}(${site.options === null ? '…' : (site.options ?? []).join(', ')})`;
    case 'call':
      return site.api ?? 'call';
    case 'env':
      return `env ${site.name ?? site.nameFrom ?? '(a name known at run time)'}`;
    case 'model':
      return `model "${site.model}"`;
  }
}
