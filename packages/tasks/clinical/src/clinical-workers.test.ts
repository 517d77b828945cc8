// The clinical model's worker threads directly: tensors stay flat inside every worker and on
// this thread over many steps (shards, gradients), and each shard is told the whole batch's
// stays and hours. Workers load dist/: `pnpm build`.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { selectBackend } from '@recurrent/backends';
import { createRandom } from '@recurrent/random';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { clinicalBatches } from './clinical-batches.js';
import { type ClinicalShard, staysOf } from './clinical-worker-config.js';
import { startClinicalWorkers } from './clinical-workers.js';
import { prepareClinicalData } from './prepare-clinical-data.js';
import { resolveClinicalHyperParameters } from './resolve-clinical-hyper-parameters.js';
import { createFoldModel } from './train-fold.js';

const workerSetup = { module: new URL('./test-worker-setup.mjs', import.meta.url).href };

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('staysOf', () => {
  it('cuts stays into contiguous blocks, the first ones one larger', () => {
    expect([0, 1, 2].map((w) => staysOf(w, 3, 64))).toEqual([
      [0, 22],
      [22, 43],
      [43, 64],
    ]);
  });
});

describe('startClinicalWorkers', () => {
  for (const cell of ['gru', 'gru-d'] as const) {
    it(`keeps numTensors flat in every worker and on this thread over 60 steps (${cell})`, async () => {
      const hp = resolveClinicalHyperParameters('tiny', { cell, stepHours: 6 });
      const data = await prepareClinicalData({ folds: 2, stays: 120 }, hp);
      const model = createFoldModel(data, 0);
      const { train } = data.split(0);
      const batches = clinicalBatches(
        { grids: data.grids, stays: data.set.stays, labels: data.set.labels, indices: train },
        model.normalizer,
        hp,
      );
      const workers = await startClinicalWorkers(model, 2, workerSetup);
      const rng = createRandom(1);
      const steps = async (from: number, to: number) => {
        for (let step = from; step < to; step++) {
          const batch = await batches.batchAt(step);
          const shards = workers.dataParallel.shard(batch, {
            step,
            training: true,
            rng,
          }) as ClinicalShard[];
          const hours = tf.sum(batch.mask);
          expect(shards.map((s) => s.whole)).toEqual([
            { rows: 16, hours: hours.dataSync()[0] },
            { rows: 16, hours: hours.dataSync()[0] },
          ]);
          hours.dispose();
          expect(shards.map((s) => s.labels.length)).toEqual([8, 8]);
          expect(shards[0]!.observed === null).toBe(cell !== 'gru-d');
          const combined = await workers.pool.step(shards);
          batches.dispose?.(batch);
          expect(Number.isFinite(combined.loss)).toBe(true);
          workers.pool.weightsChanged();
        }
      };
      try {
        await steps(0, 5);
        const main = tf.memory().numTensors;
        const inWorkers = await workers.pool.numTensors();
        await steps(5, 65);
        expect(await workers.pool.numTensors()).toEqual(inWorkers);
        expect(tf.memory().numTensors).toBe(main);
      } finally {
        await workers.close();
        model.dispose();
      }
    }, 300_000);
  }
});
