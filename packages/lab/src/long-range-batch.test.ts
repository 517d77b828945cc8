import { describe, expect, it } from 'vitest';
import { longRangeBatch, longRangeVocabSize } from './long-range-batch.js';

describe('longRangeBatch', () => {
  it('puts the only key k steps before the end and the query last; the label is that key', () => {
    for (const k of [1, 5, 50]) {
      const b = longRangeBatch({ k, batch: 200, seed: 3 }, 7);
      expect(b.length).toBe(k + 10);
      const counts = [0, 0];
      for (let r = 0; r < b.batch; r++) {
        const row = Array.from(b.ids.subarray(r * b.length, (r + 1) * b.length));
        const keyAt = b.length - 1 - k;
        expect(row[b.length - 1]).toBe(0); // the query
        expect(row[keyAt]).toBe(1 + b.labels[r]!); // the label is the key's index
        row.forEach((id, t) => {
          if (t !== keyAt && t !== b.length - 1) {
            expect(id).toBeGreaterThanOrEqual(3); // a distractor: never a key, never the query
            expect(id).toBeLessThan(longRangeVocabSize());
          }
        });
        counts[b.labels[r]!]!++;
      }
      expect(Math.min(...counts)).toBeGreaterThan(70); // both answers, about half each
    }
  });

  it('is a pure function of seed, k and index', () => {
    const a = longRangeBatch({ k: 10, batch: 8, seed: 1 }, 4);
    expect(longRangeBatch({ k: 10, batch: 8, seed: 1 }, 4)).toEqual(a);
    expect(longRangeBatch({ k: 10, batch: 8, seed: 1 }, 5).ids).not.toEqual(a.ids);
    expect(longRangeBatch({ k: 10, batch: 8, seed: 2 }, 4).ids).not.toEqual(a.ids);
  });

  it('rejects a bad k with the value it got', () => {
    expect(() => longRangeBatch({ k: 0, batch: 2 }, 0)).toThrow(
      /longRangeBatch: expected k to be an integer >= 1, got 0\./,
    );
  });
});
