import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitDataset } from './split-dataset.js';

describe('splitDataset', () => {
  it('cuts a seeded permutation into round(n * fraction) parts', () => {
    const items = Array.from({ length: 20 }, (_, i) => `x${i}`);
    const split = splitDataset(items, { validationFraction: 0.1, testFraction: 0.25, seed: 1 });
    expect([split.train.length, split.validation.length, split.test.length]).toEqual([13, 2, 5]);
    expect(splitDataset(items, { validationFraction: 0.1, testFraction: 0.25, seed: 1 })).toEqual(
      split,
    );
    expect(splitDataset(items, { seed: 2 }).train).not.toEqual(splitDataset(items).train);
    expect(split.validation).toEqual(split.indices.validation.map((i) => items[i]));
  });

  it('is disjoint, covers the data and is deterministic (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 300 }),
        fc.double({ min: 0.1, max: 0.4, noNaN: true }),
        fc.oneof(fc.constant(0), fc.double({ min: 0.1, max: 0.4, noNaN: true })),
        fc.integer(),
        (n, validationFraction, testFraction, seed) => {
          const items = Array.from({ length: n }, (_, i) => i);
          const options = { validationFraction, testFraction, seed };
          const { train, validation, test } = splitDataset(items, options);
          const all = [...train, ...validation, ...test];
          expect(all.length).toBe(n);
          expect(new Set(all).size).toBe(n);
          expect(validation.length).toBe(Math.round(n * validationFraction));
          expect(splitDataset(items, options).test).toEqual(test);
        },
      ),
    );
  });

  it('rejects fractions that leave no training data or an empty part', () => {
    expect(() => splitDataset([1, 2, 3], { validationFraction: 0.5, testFraction: 0.5 })).toThrow(
      /validationFraction \+ testFraction must be below 1/,
    );
    expect(() => splitDataset([1, 2, 3], { validationFraction: 0.1, testFraction: 0 })).toThrow(
      /splitDataset: 3 items leave the validation part empty \(fraction 0.1\)/,
    );
    expect(() => splitDataset([1, 2], { validationFraction: 1.5 })).toThrow(
      /expected validationFraction to be a fraction in \[0, 1\), got the number 1.5/,
    );
  });
});
