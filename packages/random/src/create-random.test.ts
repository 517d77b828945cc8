import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from './create-random.js';

describe('createRandom', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = Array.from({ length: 5 }, createRandom(1).next);
    const b = Array.from({ length: 5 }, createRandom(1).next);
    const c = Array.from({ length: 5 }, createRandom(2).next);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('restores its state exactly', () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(50), (seed, skip) => {
        const rng = createRandom(seed);
        for (let i = 0; i < skip; i++) rng.next();
        const state = rng.getState();
        const first = [rng.next(), rng.int(7), rng.normal()];
        rng.setState(state);
        expect([rng.next(), rng.int(7), rng.normal()]).toEqual(first);
      }),
    );
  });

  it('gives roughly uniform floats and normals with mean 0, sd 1', () => {
    const rng = createRandom(7);
    const n = 20000;
    let sum = 0;
    let sumN = 0;
    let sumN2 = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      sum += u;
      const z = rng.normal();
      sumN += z;
      sumN2 += z * z;
    }
    expect(sum / n).toBeCloseTo(0.5, 1);
    expect(sumN / n).toBeCloseTo(0, 1);
    expect(sumN2 / n).toBeCloseTo(1, 1);
  });

  it('shuffles into a permutation', () => {
    const items = Array.from({ length: 100 }, (_, i) => i);
    const shuffled = createRandom(3).shuffle([...items]);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((x, y) => x - y)).toEqual(items);
  });

  it('rejects bad arguments with a fix', () => {
    expect(() => createRandom(Number.NaN)).toThrow(/expected a finite number as seed, got NaN/);
    expect(() => createRandom(1).int(0)).toThrow(/expected an integer n >= 1, got 0/);
    expect(() => createRandom(1).setState([1, 2] as never)).toThrow(
      /four unsigned 32-bit integers/,
    );
  });
});
