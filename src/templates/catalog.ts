/**
 * Reading a template's model catalog (`models.catalog`): lifecycle as of a day, staleness warnings, prices.
 * Plain functions without the validator, for the CLI's fast path.
 */
import type { CatalogEntry, Price, Template } from './schema.js';

/** A model is about to go when its shutdown is this close. */
export const SHUTDOWN_WARNING_DAYS = 60;
/** A template whose facts were checked longer ago than this says so. */
export const STALE_TEMPLATE_DAYS = 180;

const DAY = 86_400_000;

/** Today as YYYY-MM-DD (UTC); QIANYI_TODAY overrides it so that tests do not depend on the clock. */
export function today(): string {
  const fixed = process.env.QIANYI_TODAY;
  if (fixed && /^\d{4}-\d{2}-\d{2}$/.test(fixed)) return fixed;
  return new Date().toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

export function catalogEntry(t: Template, model: string): CatalogEntry | undefined {
  const catalog = t.models.catalog;
  return catalog && Object.hasOwn(catalog, model) ? catalog[model] : undefined;
}

export type Lifecycle =
  | { state: 'ok' }
  /** Retired, or deprecated with its shutdown date passed. */
  | { state: 'retired'; since?: string; replacement?: string }
  /** Deprecated with a shutdown date within SHUTDOWN_WARNING_DAYS. */
  | { state: 'ending'; shutdown: string; days: number; replacement?: string };

/** Where a catalog model stands on `day`. */
export function lifecycle(entry: CatalogEntry, day: string): Lifecycle {
  if (entry.status === 'retired') return { state: 'retired', since: entry.shutdown, replacement: entry.replacement };
  if (entry.status !== 'deprecated' || !entry.shutdown) return { state: 'ok' };
  const days = daysBetween(day, entry.shutdown);
  if (days <= 0) return { state: 'retired', since: entry.shutdown, replacement: entry.replacement };
  if (days <= SHUTDOWN_WARNING_DAYS) return { state: 'ending', shutdown: entry.shutdown, days, replacement: entry.replacement };
  return { state: 'ok' };
}

/** Every provider model a template sends (defaults and map), plus the user's own choices (--model, config). */
export function usedModels(t: Template, overrides: Record<string, string> = {}): string[] {
  const ids = [
    ...Object.values(t.models.defaults),
    ...Object.values(t.models.map),
    ...Object.values(overrides),
  ].filter((id): id is string => typeof id === 'string');
  return [...new Set(ids)];
}

/**
 * One line per problem, for stderr on every run of scan, migrate and check: a template whose facts are
 * older than STALE_TEMPLATE_DAYS, and each model it (or the user's mapping) would send that is retired or
 * shuts down within SHUTDOWN_WARNING_DAYS. Models missing from the catalog are not judged here.
 */
export function stalenessWarnings(templates: readonly Template[], options: { day?: string; overrides?: Record<string, string> } = {}): string[] {
  const day = options.day ?? today();
  const lines: string[] = [];
  for (const t of templates) {
    const age = daysBetween(t.checked, day);
    if (age > STALE_TEMPLATE_DAYS) {
      lines.push(`qianyi: warning: the ${t.id} template's facts were checked on ${t.checked}, ${age} days ago; models and prices may have changed (qianyi verify checks them live)`);
    }
    for (const id of usedModels(t, options.overrides)) {
      const entry = catalogEntry(t, id);
      if (!entry) continue;
      const l = lifecycle(entry, day);
      const instead = 'replacement' in l && l.replacement ? `; use ${l.replacement}` : '';
      if (l.state === 'retired') {
        lines.push(`qianyi: warning: ${t.id} model ${id} is retired${l.since ? ` since ${l.since}` : ''}${instead}`);
      } else if (l.state === 'ending') {
        lines.push(`qianyi: warning: ${t.id} model ${id} shuts down on ${l.shutdown} (in ${l.days} day${l.days === 1 ? '' : 's'})${instead}`);
      }
    }
  }
  return lines;
}

/** The price of one model as scan and the wizard show it: per million tokens, with its currency and date. */
export interface ModelPrice {
  model: string;
  currency: Price['currency'];
  input: number;
  cachedInput: number | null;
  output: number | null;
  free: boolean;
  note: string | null;
  /** The newest date among the sources the price cites. */
  date: string | null;
}

export function modelPrice(t: Template, model: string): ModelPrice | null {
  const entry = catalogEntry(t, model);
  if (!entry || entry.price === 'unknown') return null;
  const p = entry.price;
  const cited = new Set(p.sources ?? entry.sources);
  const dates = t.sources.filter((s) => cited.has(s.id) && s.date).map((s) => s.date as string).sort();
  return {
    model,
    currency: p.currency,
    input: p.input,
    cachedInput: p.cachedInput === 'unknown' ? null : p.cachedInput,
    output: p.output ?? null,
    free: p.free === true,
    note: p.note ?? null,
    date: dates.at(-1) ?? null,
  };
}

/** `CNY 2 / 8` or `free`: input / output per million tokens. */
export function formatPrice(p: ModelPrice): string {
  if (p.free) return 'free';
  const n = (v: number) => String(Number(v.toFixed(4)));
  return `${p.currency} ${n(p.input)} / ${p.output === null ? '-' : n(p.output)}`;
}
