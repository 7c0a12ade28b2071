/**
 * Determinism helpers: the built-in engine never calls Math.random. Every "choice" it makes
 * (which flaw a draft carries, which sentence a critique opens with) is drawn from a hash of
 * its input, so the same request always gets the same answer.
 */

/** FNV-1a 32-bit over UTF-16 code units. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A small seeded generator (mulberry32): `next()` in [0, 1). */
export function seededRandom(seed: number): { next(): number; int(max: number): number; pick<T>(items: readonly T[]): T } {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (max: number) => Math.floor(next() * max),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)],
  };
}

/** Rounds to one decimal and clamps into [min, max] — scores are floats with one decimal. */
export function round1(value: number, min = -Infinity, max = Infinity): number {
  return Math.round(Math.min(max, Math.max(min, value)) * 10) / 10;
}

/** Numbers written into SVG: at most `digits` decimals, no trailing zeros, no "-0". */
export function num(value: number, digits = 2): string {
  const f = 10 ** digits;
  const r = Math.round(value * f) / f;
  return Object.is(r, -0) ? "0" : String(r);
}
