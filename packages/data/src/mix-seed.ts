/**
 * Derives one 32-bit seed from a base seed and counters (epoch, step): the generator for
 * step `s` is `createRandom(mixSeed(seed, s))`, so any step can be replayed without
 * replaying the ones before it (what a resumed checkpoint needs).
 */

function fmix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b) >>> 0;
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35) >>> 0;
  x ^= x >>> 16;
  return x >>> 0;
}

/** A well-mixed 32-bit seed from `seed` and non-negative integer `words` (up to 2^53). */
export function mixSeed(seed: number, ...words: number[]): number {
  let h = fmix32((Math.floor(seed) >>> 0) ^ 0x9e3779b9);
  for (const word of words) {
    const low = word >>> 0;
    const high = Math.floor(word / 4294967296) >>> 0;
    h = fmix32((h ^ low) + 0x7f4a7c15);
    h = fmix32((h ^ high) + 0x165667b1);
  }
  return h;
}
