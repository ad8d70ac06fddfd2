/**
 * Seeded randomness for the demo data: a small, fast PRNG (mulberry32) and the helpers the
 * generators need. Every stream is derived from the seed number, so one seed gives one data set.
 */

/** mulberry32: 32-bit state, good enough statistical quality for demo data, very fast. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a hash of a string, used to derive independent streams from one seed. */
function fnv1a(text: string, basis = 0x811c9dc5): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export class Rng {
  private readonly next: () => number;

  constructor(readonly seed: number) {
    this.next = mulberry32(seed);
  }

  /** An independent stream for one part of the data, so parts do not shift each other. */
  fork(label: string): Rng {
    return new Rng(fnv1a(label, fnv1a(String(this.seed))));
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next();
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [v, w] of items) {
      r -= w;
      if (r < 0) return v;
    }
    return items[items.length - 1][0];
  }

  /** Fisher-Yates in place; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    return items;
  }

  /** A random string of `length` decimal digits. */
  digits(length: number): string {
    let s = "";
    for (let i = 0; i < length; i++) s += String(Math.floor(this.next() * 10));
    return s;
  }
}

/** Precomputed cumulative weights for repeated weighted picks from a long list. */
export class WeightedTable<T> {
  private readonly values: T[];
  private readonly cumulative: number[];

  constructor(items: ReadonlyArray<readonly [T, number]>) {
    this.values = items.map(([v]) => v);
    let sum = 0;
    this.cumulative = items.map(([, w]) => (sum += w));
  }

  pick(rng: Rng): T {
    const r = rng.float() * this.cumulative[this.cumulative.length - 1];
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo];
  }
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");

/**
 * Deterministic, time-ordered ids in UUIDv7 layout: the timestamp starts at `baseMs` and a 12-bit
 * counter orders ids within one millisecond; the remaining 62 bits come from the seeded stream.
 */
export function seededUuidFactory(rng: Rng, baseMs = Date.UTC(2023, 11, 1)): () => string {
  let n = 0;
  return () => {
    const ms = baseMs + Math.floor(n / 4096);
    const seq = n % 4096;
    n++;
    const hi = Math.floor(ms / 2 ** 16); // top 32 bits of the 48-bit timestamp
    const lo = ms % 2 ** 16;
    const r1 = Math.floor(rng.float() * 2 ** 14) | 0x8000; // variant 10xx
    const r2 = Math.floor(rng.float() * 2 ** 24);
    const r3 = Math.floor(rng.float() * 2 ** 24);
    return `${hex(hi, 8)}-${hex(lo, 4)}-${hex(0x7000 | seq, 4)}-${hex(r1, 4)}-${hex(r2, 6)}${hex(r3, 6)}`;
  };
}
