import type { Site, SiteKind } from './sites.js';

const KIND_ORDER: Record<SiteKind, number> = { import: 0, client: 1, call: 2, env: 3, model: 4 };

/** Report order: file, line, column, then kind (an import before the client on the same position). */
export function compareSites(a: Site, b: Site): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
}
