// A seeded pseudo-random generator (sfc32), so that one seed always yields the same rows.
// Each part of the generator draws from its own named stream: changing how many numbers one part
// consumes does not shift the numbers every other part sees.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A draw from a table made by `weighted`. */
  draw<T>(table: Weighted<T>): T;
  /** `count` distinct items (fewer if there are not that many), in draw order. */
  sample<T>(items: readonly T[], count: number): T[];
}

export interface Weighted<T> {
  readonly items: readonly T[];
  readonly cumulative: Float64Array;
}

export function weighted<T>(entries: readonly (readonly [T, number])[]): Weighted<T> {
  const cumulative = new Float64Array(entries.length);
  let total = 0;
  entries.forEach(([, w], i) => {
    total += w;
    cumulative[i] = total;
  });
  for (let i = 0; i < cumulative.length; i++) cumulative[i] /= total;
  return { items: entries.map(([item]) => item), cumulative };
}

/** FNV-1a, to turn a stream name into seed material. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function createRng(seed: number, stream: string): Rng {
  let a = seed >>> 0;
  let b = hash(stream);
  let c = Math.floor(seed / 0x100000000) >>> 0;
  let d = 1;
  const raw = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // The first outputs of sfc32 still echo the seed; discard them.
  for (let i = 0; i < 15; i++) raw();

  const rng: Rng = {
    next: raw,
    int: (min, max) => min + Math.floor(raw() * (max - min + 1)),
    chance: (p) => raw() < p,
    pick: (items) => items[Math.floor(raw() * items.length)],
    draw: (table) => {
      const u = raw();
      const cum = table.cumulative;
      let lo = 0;
      let hi = cum.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cum[mid] > u) hi = mid;
        else lo = mid + 1;
      }
      return table.items[lo];
    },
    sample: (items, count) => {
      const pool = items.slice();
      const out = [];
      for (let i = 0; i < count && pool.length > 0; i++) {
        const j = Math.floor(raw() * pool.length);
        out.push(pool[j]);
        pool[j] = pool[pool.length - 1];
        pool.pop();
      }
      return out;
    },
  };
  return rng;
}
