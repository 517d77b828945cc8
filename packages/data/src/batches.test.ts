import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { batches } from './batches.js';
import { sequenceBatcher } from './sequence-batcher.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('batches', () => {
  it('yields one epoch of fixed-shape tensor batches equal to the batcher', async () => {
    const dataset = { sequences: [[5, 6, 7], [8, 9], [4, 4, 4, 4], [6]], labels: [0, 1, 1, 0] };
    const options = { batchSize: 3, maxLength: 3, seed: 2 };
    const reference = sequenceBatcher(dataset, options);
    const seen = [];
    for (const batch of batches(dataset, options)) {
      expect(batch.ids.shape).toEqual([3, 3]);
      expect(batch.mask.shape).toEqual([3, 3]);
      expect(batch.targets.shape).toEqual([3]);
      expect(batch.lengths.shape).toEqual([3]);
      const plain = reference.arrayBatchAt(batch.step);
      expect([...(await batch.ids.data())]).toEqual([...plain.ids]);
      expect([...(await batch.targets.data())]).toEqual([...plain.targets]);
      seen.push(batch.step);
      batch.dispose();
    }
    expect(seen).toEqual([0, 1]);
    const resumed = [...batches(dataset, { ...options, startStep: 3, steps: 1 })];
    expect(resumed.map((b) => b.step)).toEqual([3]);
    for (const b of resumed) b.dispose();
  });
});
