/**
 * Which hand-written requests move to the provider. A request moves only whole (URL, key and model together),
 * and requests built from the same constant, instance or env read move together or not at all: rewriting a
 * shared base URL for one would re-point the others. Pure: sites in, the set that moves (and why the others
 * stay) out.
 */
import type { Site } from '../../scan/sites.js';

export interface HttpMoves {
  moving: Set<string>;
  /** Why a request stays, for those that stay because of another request or their model. */
  why: Map<string, string>;
}

/**
 * `own(site)`: why a request cannot move by itself (undefined: it can). `caller(site)`: whether a call of
 * another source that reads the same model constant moves (the constant is rewritten only if all its callers do).
 */
export function httpMoves(
  requests: readonly Site[],
  callersOf: (modelSite: string) => readonly Site[],
  own: (site: Site) => string | undefined,
  caller: (site: Site) => boolean,
): HttpMoves {
  const why = new Map<string, string>();
  const moving = new Set<string>();
  for (const r of requests) {
    const reason = own(r);
    if (reason === undefined) moving.add(r.id);
    else why.set(r.id, reason);
  }
  const byPart = new Map<string, Site[]>();
  for (const r of requests) for (const p of r.parts ?? []) byPart.set(p, [...(byPart.get(p) ?? []), r]);
  let changed = true;
  while (changed) {
    changed = false;
    for (const r of requests) {
      if (!moving.has(r.id)) continue;
      let reason: string | undefined;
      for (const p of r.parts ?? []) {
        if ((byPart.get(p) ?? []).some((o) => !moving.has(o.id))) {
          reason = `it shares ${partLabel(p)} with a request that cannot move`;
          break;
        }
      }
      if (!reason && r.modelSite && r.modelAt === 'elsewhere') {
        const others = callersOf(r.modelSite);
        if (others.some((c) => (c.sdk === 'http' ? !moving.has(c.id) : !caller(c)))) {
          reason = `its model ${r.model ?? ''} is a constant that calls staying on OpenAI read too`;
        }
      }
      if (reason) {
        moving.delete(r.id);
        why.set(r.id, reason);
        changed = true;
      }
    }
  }
  return { moving, why };
}

/** `src/a.ts:3:7:const:BASE` → `BASE`; an env site → `an env read`. No position: markers must not change when lines move. */
function partLabel(part: string): string {
  const name = /:const:(.+)$/.exec(part)?.[1];
  return name ?? 'an env read';
}
