import '@tensorflow/tfjs-backend-cpu';
import { createRandom } from '@recurrent/random';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { toRows } from './batch.js';
import { sequenceBatcher } from './sequence-batcher.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** `count` sequences of ids 4..20 with lengths 2..maxLen, seeded. */
function randomSequences(count: number, maxLen: number, seed: number): number[][] {
  const rng = createRandom(seed);
  return Array.from({ length: count }, () =>
    Array.from({ length: 2 + rng.int(maxLen - 1) }, () => 4 + rng.int(17)),
  );
}

describe('sequenceBatcher', () => {
  it('builds next-token targets, post-padded and masked', () => {
    const sequences = [
      [2, 10, 11, 3], // <bos> e m <eos>
      [2, 12, 3],
    ];
    const batcher = sequenceBatcher({ sequences }, { batchSize: 2, shuffle: false });
    const b = batcher.arrayBatchAt(0);
    expect(batcher.maxLength).toBe(3);
    expect(toRows(b.ids, 3)).toEqual([
      [2, 10, 11],
      [2, 12, 0],
    ]);
    expect(toRows(b.targets, 3)).toEqual([
      [10, 11, 3],
      [12, 3, 0],
    ]);
    expect(toRows(b.mask, 3)).toEqual([
      [1, 1, 1],
      [1, 1, 0],
    ]);
    expect([...b.lengths]).toEqual([3, 2]);
    expect(b.targetShape).toEqual([2, 3]);
    expect(b.rows).toBe(2);
  });

  it('gives label targets [batch] and pads the last batch with fill rows', () => {
    const batcher = sequenceBatcher(
      { sequences: [[5, 6], [7], [8, 9, 10]], labels: [1, 0, 1] },
      { batchSize: 2, shuffle: false, maxLength: 2, truncating: 'pre' },
    );
    expect(batcher.stepsPerEpoch).toBe(2);
    const last = batcher.arrayBatchAt(1);
    expect(toRows(last.ids, 2)).toEqual([
      [9, 10],
      [0, 0],
    ]);
    expect([...last.targets]).toEqual([1, 0]);
    expect(last.targetShape).toEqual([2]);
    expect(last.rows).toBe(1);
    expect([...last.lengths]).toEqual([2, 0]);
    expect(batcher.report.truncation).toMatchObject({ truncated: 1, droppedTokens: 1 });
    expect(batcher.report.fillRowsPerEpoch).toBe(1);
  });

  it("drops the remainder with remainder: 'drop' and reports it", () => {
    const batcher = sequenceBatcher(
      { sequences: randomSequences(10, 6, 1) },
      { batchSize: 4, remainder: 'drop' },
    );
    expect(batcher.stepsPerEpoch).toBe(2);
    expect(batcher.report.droppedPerEpoch).toBe(2);
    expect(batcher.report.fillRowsPerEpoch).toBe(0);
  });

  it('bucketing cuts padding and reports it with and without', () => {
    const sequences = randomSequences(400, 60, 7);
    const plain = sequenceBatcher({ sequences }, { batchSize: 16, seed: 1 });
    const bucketed = sequenceBatcher({ sequences }, { batchSize: 16, seed: 1, buckets: 4 });
    expect(plain.report.shapes).toEqual([[16, plain.maxLength]]);
    expect(bucketed.report.shapes.length).toBe(4);
    expect(bucketed.report.paddingFractionWithoutBuckets).toBeCloseTo(
      plain.report.paddingFraction,
      12,
    );
    expect(bucketed.report.paddingFraction).toBeLessThan(
      0.6 * bucketed.report.paddingFractionWithoutBuckets,
    );
    for (const b of bucketed.arrayBatches()) {
      expect(bucketed.report.boundaries).toContain(b.timeSteps);
      for (const n of b.lengths) expect(n).toBeLessThanOrEqual(b.timeSteps);
    }
  });

  it('reports exact padding fractions: two lengths, two buckets', () => {
    // 8 sequences with 2 input steps, 8 with 10: one shape gives 2 batches of [8, 10] =
    // 160 cells for 8*2 + 8*10 = 96 real steps (padding 0.4); buckets [2, 10] give none.
    const sequences = [
      ...Array.from({ length: 8 }, () => [4, 5, 6]),
      ...Array.from({ length: 8 }, () => Array.from({ length: 11 }, () => 7)),
    ];
    const batcher = sequenceBatcher({ sequences }, { batchSize: 8, buckets: [2], seed: 3 });
    expect(batcher.report.boundaries).toEqual([2, 10]);
    expect(batcher.report.paddingFraction).toBe(0);
    expect(batcher.report.paddingFractionWithoutBuckets).toBeCloseTo(0.4, 12);
    expect(batcher.report.shapes).toEqual([
      [8, 2],
      [8, 10],
    ]);
  });

  it('is deterministic, resumable, and reshuffles each epoch', () => {
    const sequences = randomSequences(50, 10, 3);
    const a = sequenceBatcher({ sequences }, { batchSize: 8, seed: 42, buckets: 2 });
    const b = sequenceBatcher({ sequences }, { batchSize: 8, seed: 42, buckets: 2 });
    const all = [...a.arrayBatches({ steps: 3 * a.stepsPerEpoch })];
    const resumed = [...b.arrayBatches({ startStep: 10, steps: 5 })];
    resumed.forEach((batch, i) => {
      expect(batch).toEqual(all[10 + i]);
    });
    expect(b.arrayBatchAt(3)).toEqual(all[3]);
    const epoch0 = all.slice(0, a.stepsPerEpoch).map((x) => [...x.ids]);
    const epoch1 = all.slice(a.stepsPerEpoch, 2 * a.stepsPerEpoch).map((x) => [...x.ids]);
    expect(epoch1).not.toEqual(epoch0);
    expect(all[a.stepsPerEpoch]!.epoch).toBe(1);
    const other = sequenceBatcher({ sequences }, { batchSize: 8, seed: 43, buckets: 2 });
    expect(other.arrayBatchAt(0).ids).not.toEqual(a.arrayBatchAt(0).ids);
  });

  it('every epoch covers each example exactly once with fixed shapes (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 4, max: 30 }), { minLength: 2, maxLength: 15 }), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 1000 }),
        (raw, batchSize, buckets, seed) => {
          // tag each sequence by its first id so rows can be traced back to examples
          const sequences = raw.map((s, i) => [1000 + i, ...s]);
          const batcher = sequenceBatcher({ sequences }, { batchSize, buckets, seed });
          const seen: number[] = [];
          for (const b of batcher.arrayBatches({ startStep: batcher.stepsPerEpoch })) {
            expect(b.ids.length).toBe(batchSize * b.timeSteps);
            expect(b.mask.length).toBe(batchSize * b.timeSteps);
            expect(b.targets.length).toBe(batchSize * b.timeSteps);
            expect(b.lengths.length).toBe(batchSize);
            for (let r = 0; r < batchSize; r++) {
              const maskRow = b.mask.subarray(r * b.timeSteps, (r + 1) * b.timeSteps);
              expect(maskRow.reduce((x, y) => x + y, 0)).toBe(b.lengths[r]);
              if (r < b.rows) seen.push(b.ids[r * b.timeSteps]! - 1000);
              else expect(b.lengths[r]).toBe(0);
            }
          }
          expect(seen.sort((x, y) => x - y)).toEqual(sequences.map((_, i) => i));
          const again = sequenceBatcher({ sequences }, { batchSize, buckets, seed });
          expect(again.arrayBatchAt(0)).toEqual(batcher.arrayBatchAt(0));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('rejects bad input with messages that say what to fix', () => {
    expect(() => sequenceBatcher({ sequences: [] }, { batchSize: 2 })).toThrow(
      /sequenceBatcher: the dataset is empty \(0 sequences\)/,
    );
    expect(() => sequenceBatcher({ sequences: [[1, 2]] }, { batchSize: 0 })).toThrow(
      /expected batchSize to be an integer >= 1, got the number 0/,
    );
    expect(() => sequenceBatcher({ sequences: [[1, 2]] }, { batchSize: 1, maxLength: 0 })).toThrow(
      /expected maxLength to be an integer >= 1, got the number 0/,
    );
    expect(() =>
      sequenceBatcher(
        {
          sequences: [
            [1, 2],
            [3, 99],
          ],
        },
        { batchSize: 1, vocabSize: 50 },
      ),
    ).toThrow(
      /sequenceBatcher: sequence 1 has the number 99 at position 1; expected an integer id in \[0, 50\)/,
    );
    expect(() =>
      sequenceBatcher({ sequences: [[1, 2]], labels: [0, 1] }, { batchSize: 1 }),
    ).toThrow(/expected one label per sequence \(1\), got 2 labels/);
    expect(() => sequenceBatcher({ sequences: [[1, 2]], labels: [0.5] }, { batchSize: 1 })).toThrow(
      /labels has the number 0.5 at position 0; expected a non-negative integer id. Labels are class indices/,
    );
    expect(() => sequenceBatcher({ sequences: [[1], [2]] }, { batchSize: 1 })).toThrow(
      /cannot infer maxLength: no sequence has a step to learn from. Next-token targets need sequences of 2 or more ids/,
    );
    expect(() =>
      sequenceBatcher({ sequences: [[1, 2]] }, { batchSize: 4, remainder: 'drop' }),
    ).toThrow(/1 sequences make no batch of 4 with remainder 'drop'/);
  });

  it('1,000 tensor batches leave tf.memory().numTensors where it started', () => {
    const batcher = sequenceBatcher(
      { sequences: randomSequences(64, 12, 5) },
      { batchSize: 8, buckets: 3, seed: 9 },
    );
    const before = tf.memory().numTensors;
    let count = 0;
    for (const batch of batcher.batches({ steps: 1000 })) {
      expect(batch.ids.shape[0]).toBe(8);
      expect(batch.ids.dtype).toBe('int32');
      expect(batch.mask.dtype).toBe('float32');
      batch.dispose();
      count++;
    }
    expect(count).toBe(1000);
    expect(tf.memory().numTensors).toBe(before);
  });
});
