import { describe, expect, it } from 'vitest';
import { mixSeed } from './mix-seed.js';

describe('mixSeed', () => {
  it('is a pure 32-bit function that separates nearby counters', () => {
    expect(mixSeed(42, 7)).toBe(mixSeed(42, 7));
    const seeds = new Set<number>();
    for (let step = 0; step < 10_000; step++) seeds.add(mixSeed(42, step));
    expect(seeds.size).toBe(10_000);
    expect(mixSeed(1, 5)).not.toBe(mixSeed(2, 5));
    expect(mixSeed(1, 2 ** 32)).not.toBe(mixSeed(1, 0)); // the high word counts too
    for (const s of seeds) expect(s >>> 0).toBe(s);
  });
});
