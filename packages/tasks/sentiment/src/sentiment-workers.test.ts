// The sentiment model's worker threads directly: tensors stay flat inside every worker and on
// this thread over many steps (shards, dropout masks, gradients), and the shards cut each
// batch into contiguous rows with one dropout seed. Workers load dist/: `pnpm build`.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { selectBackend } from '@recurrent/backends';
import { sequenceBatcher, toTensorBatch } from '@recurrent/data';
import { createRandom } from '@recurrent/random';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createSentimentModel,
  loadUciSentences,
  prepareSentimentData,
  resolveSentimentHyperParameters,
} from './index.js';
import type { SentimentShard } from './sentiment-worker-config.js';
import { rowsOf } from './sentiment-worker-config.js';
import { startSentimentWorkers } from './sentiment-workers.js';

const workerSetup = { module: new URL('./test-worker-setup.mjs', import.meta.url).href };

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('rowsOf', () => {
  it('cuts rows into contiguous blocks, the first ones one larger', () => {
    expect([0, 1, 2].map((w) => rowsOf(w, 3, 16))).toEqual([
      [0, 6],
      [6, 11],
      [11, 16],
    ]);
    expect([0, 1].map((w) => rowsOf(w, 2, 32))).toEqual([
      [0, 16],
      [16, 32],
    ]);
  });
});

describe('startSentimentWorkers', () => {
  it('keeps numTensors flat in every worker and on this thread over 60 steps', async () => {
    const hp = resolveSentimentHyperParameters('tiny', {});
    const data = prepareSentimentData(await loadUciSentences(), { hyperParameters: hp });
    const model = createSentimentModel({
      vocabulary: data.vocabulary,
      tokenizer: data.tokenizer,
      labels: data.labels,
      hyperParameters: hp,
    });
    const batcher = sequenceBatcher(
      { sequences: data.train.sequences, labels: data.train.labels },
      { batchSize: hp.batchSize, maxLength: data.report.maxLength, buckets: hp.buckets, seed: 1 },
    );
    const workers = await startSentimentWorkers(model, 2, workerSetup);
    const rng = createRandom(1);
    const steps = async (from: number, to: number) => {
      for (let step = from; step < to; step++) {
        const plain = batcher.arrayBatchAt(step);
        const batch = Object.assign(toTensorBatch(plain), { plain, tokens: 0 });
        const shards = workers.dataParallel.shard(batch, { step, training: true, rng });
        const [a, b] = shards as SentimentShard[];
        expect(a!.dropoutSeed).toBe(b!.dropoutSeed);
        expect([a!.first, b!.first, a!.targets.length + b!.targets.length]).toEqual([0, 8, 16]);
        const combined = await workers.pool.step(shards);
        batch.dispose();
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
  });
});
