// Seeded PRNG for the benchmark generator (mulberry32). Never Math.random: the same seed gives the same tree.

/** 32-bit FNV-1a hash of a string, for deriving per-file seeds. */
export function hash32(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function createRng(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng = {
    next,
    /** Integer in [lo, hi], both inclusive. */
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
    /** Standard normal (Box-Muller). */
    normal: () => {
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    /** `entries`: [[value, weight], ...]. */
    weighted: (entries) => {
      let total = 0;
      for (const [, w] of entries) total += w;
      let x = next() * total;
      for (const [value, w] of entries) {
        x -= w;
        if (x < 0) return value;
      }
      return entries[entries.length - 1][0];
    },
    /** Up to `n` distinct items, in random order. */
    sample: (items, n) => {
      const copy = items.slice();
      const out = [];
      while (out.length < n && copy.length > 0) {
        const i = Math.floor(next() * copy.length);
        out.push(copy[i]);
        copy[i] = copy[copy.length - 1];
        copy.pop();
      }
      return out;
    },
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [items[i], items[j]] = [items[j], items[i]];
      }
      return items;
    },
  };
  return rng;
}
