import { sequenceBatcher } from '@recurrent/data';
import { describe, expect, it } from 'vitest';
import { seededInts } from '../cells/cells-config.js';
import { paddingAccount } from './padding-accounting.js';

describe('paddingAccount', () => {
  it('counts real tokens, padded positions and the padding share (fill rows cost positions)', () => {
    const a = paddingAccount([
      { batchSize: 2, timeSteps: 4, lengths: [4, 2] },
      { batchSize: 2, timeSteps: 8, lengths: [5, 0] }, // a fill row
    ]);
    expect(a).toEqual({
      batches: 2,
      realTokens: 11,
      paddedTokens: 24,
      paddingShare: 1 - 11 / 24,
      timeSteps: [4, 8],
    });
    expect(paddingAccount([]).paddingShare).toBe(0);
  });

  it("agrees with sequenceBatcher's own report over one epoch, with and without buckets", () => {
    // Lengths 50..200 and 1,000 sentences (the suite draws 1,024): some batches have fill rows.
    const sequences = Array.from(seededInts(1000, 50, 200, 3), (n) => new Array<number>(n).fill(5));
    const labels = seededInts(1000, 0, 1, 4);
    for (const buckets of [1, 4]) {
      const b = sequenceBatcher(
        { sequences, labels },
        { batchSize: 64, maxLength: 200, buckets, seed: 1 },
      );
      const epoch = paddingAccount(b.arrayBatches({ startStep: 0 }));
      expect(epoch.batches).toBe(b.stepsPerEpoch);
      expect(epoch.realTokens).toBe(sequences.reduce((n, s) => n + s.length, 0));
      expect(epoch.paddingShare).toBeCloseTo(b.report.paddingFraction, 12);
      if (buckets === 1) {
        expect(epoch.timeSteps).toEqual([200]);
        expect(epoch.paddingShare).toBeCloseTo(b.report.paddingFractionWithoutBuckets, 12);
      } else {
        expect(epoch.timeSteps).toEqual(b.report.boundaries);
        expect(epoch.paddingShare).toBeLessThan(b.report.paddingFractionWithoutBuckets / 2);
      }
    }
  });

  it('rejects a batch whose lengths do not fit it', () => {
    expect(() => paddingAccount([{ batchSize: 2, timeSteps: 4, lengths: [4] }])).toThrow(
      'paddingAccount: expected 2 lengths (one per row), got 1.',
    );
    expect(() => paddingAccount([{ batchSize: 1, timeSteps: 4, lengths: [5] }])).toThrow(
      'paddingAccount: row 0 has length 5; expected 0..4',
    );
  });
});
