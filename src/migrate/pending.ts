import type { MigrateResult } from './migrate.js';
import { TODO_PREFIX, type PlanItem } from './plan.js';
import { KeyMaker, LineReader } from '../util/source-lines.js';

/**
 * What `check` counts, site by site. A site is pending while migrate would still change its code (it talks to
 * OpenAI: client, key, model, a parameter the provider rejects) or while it needs manual work (an open
 * `TODO(qianyi)`); review notes are for humans and never count. README "Pending work".
 */
export type PendingType = 'change' | 'manual' | 'todo' | 'unparsed';

export interface PendingSite {
  file: string;
  line: number;
  column: number;
  type: PendingType;
  /** The API for calls, else `client`, `env`, `model`, `env-file` (a config file migrate adds the key to), `TODO(qianyi)` or `file`. */
  what: string;
  why: string;
  /** Manual work, open markers and unparsed files are errors; code migrate would change is a warning. */
  level: 'error' | 'warning';
  /** Stable across line shifts: file, type, what, a hash of the normalised source line and an occurrence index. */
  key: string;
}

export interface AcknowledgedSite {
  file: string;
  line: number;
  column: number;
  what: string;
  /** The API for calls (as in migrate's JSON), else null. */
  api: string | null;
  /** The reason written after `qianyi-ignore:`. */
  reason: string;
  key: string;
}

export interface CheckOutcome {
  /** Pending sites that fail the check. */
  pending: PendingSite[];
  acknowledged: AcknowledgedSite[];
  /** Pending sites accepted by `--baseline`. */
  baselined: PendingSite[];
  passed: boolean;
}


/** Groups the plan's items by site and adds the open markers no planned item accounts for. */
export function pendingWork(result: MigrateResult, baseline?: Set<string>): CheckOutcome {
  const lines = new LineReader(result.root);
  const bySite = new Map<string, PlanItem[]>();
  for (const item of result.items) {
    const id = item.siteId ?? `${item.file}:${item.line}:${item.column}`;
    bySite.set(id, [...(bySite.get(id) ?? []), item]);
  }
  const drafts: Array<Omit<PendingSite, 'key'>> = [];
  const acknowledged: Array<Omit<AcknowledgedSite, 'key'>> = [];
  // Markers the plan found in place (it re-plans the same TODO line): counted once, with their site.
  const markers = [...result.markers];
  for (const [id, items] of bySite) {
    const first = items[0]!;
    const what = first.api ?? (first.siteId ? id.slice(id.lastIndexOf(':') + 1) : 'code');
    const ack = items.find((i) => i.bucket === 'acknowledged');
    if (ack) {
      acknowledged.push({ file: first.file, line: first.line, column: first.column, what, api: first.api, reason: ack.reason });
      continue;
    }
    const manual = items.filter((i) => i.bucket === 'manual');
    const changes = items.filter((i) => i.changes);
    for (const m of manual) {
      const at = markers.findIndex((k) => k.file === m.file && k.text.startsWith(`${TODO_PREFIX} ${m.reason}`));
      if (at !== -1) markers.splice(at, 1);
    }
    if (manual.length > 0) {
      drafts.push({ file: first.file, line: first.line, column: first.column, type: 'manual', what, level: 'error', why: [...manual, ...changes].map((i) => i.reason).join('; ') });
    } else if (changes.length > 0) {
      drafts.push({ file: first.file, line: first.line, column: first.column, type: 'change', what, level: 'warning', why: `migrate would change it: ${changes.map((i) => i.reason).join('; ')}` });
    }
  }
  for (const marker of markers) {
    const column = (lines.line(marker.file, marker.line).indexOf('TODO(qianyi)') + 1) || 1;
    if (lines.ignoredAbove(marker.file, marker.line)) {
      acknowledged.push({ file: marker.file, line: marker.line, column, what: 'TODO(qianyi)', api: null, reason: lines.ignoreReason(marker.file, marker.line)! });
    } else {
      drafts.push({ file: marker.file, line: marker.line, column, type: 'todo', what: 'TODO(qianyi)', level: 'error', why: `open marker: ${marker.text}` });
    }
  }
  // A config file migrate would add the provider's key to (.env*, compose, workflows): pending at the line of
  // OpenAI's key, the line it would go after (edits are sorted; each earlier one shifted the text down by one).
  for (const file of result.plan.envFiles) {
    for (const [i, edit] of file.edits.entries()) {
      drafts.push({ file: file.rel, line: Math.max(1, edit.line - 1 - i), column: 1, type: 'change', what: 'env-file', level: 'warning', why: `migrate would change it: ${edit.reason}` });
    }
  }
  for (const file of result.files.filter((f) => f.status === 'skipped')) {
    drafts.push({ file: file.file, line: 1, column: 1, type: 'unparsed', what: 'file', level: 'error', why: `not checked: ${file.reason ?? 'skipped'}` });
  }
  const order = <T extends { file: string; line: number; column: number }>(a: T, b: T) =>
    (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column);
  drafts.sort(order);
  acknowledged.sort(order);
  for (const d of drafts) {
    if (d.type !== 'unparsed' && lines.bareIgnoreAbove(d.file, d.line)) d.why += ' (the qianyi-ignore above it has no reason, so it does not count)';
  }
  const keys = new KeyMaker(lines);
  const all = drafts.map((d) => ({ ...d, key: keys.key(d.file, `${d.type}:${d.what}`, d.line) }));
  const pending = baseline ? all.filter((p) => !baseline.has(p.key)) : all;
  return {
    pending,
    acknowledged: acknowledged.map((a) => ({ ...a, key: keys.key(a.file, `acknowledged:${a.what}`, a.line) })),
    baselined: baseline ? all.filter((p) => baseline.has(p.key)) : [],
    passed: pending.length === 0,
  };
}
