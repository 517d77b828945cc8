// The captioning shard worker in this thread (no worker_threads): it builds the model the
// main thread builds from the hyper-parameters and vocabulary alone, its shard's loss is the
// main thread's loss of the same rows, a torn shard and a frozen encoder are refused.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { selectBackend } from '@recurrent/backends';
import { ConfigError, ShapeError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { captionBatchAt } from './caption-batches.js';
import { createShardWorker } from './captioning-shard-worker.js';
import { shardCaptionBatch } from './captioning-workers.js';
import { createCaptioningModel } from './create-captioning-model.js';
import { prepareCaptioningData } from './prepare-captioning-data.js';
import { resolveCaptioningHyperParameters } from './resolve-captioning-hyper-parameters.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const hp = resolveCaptioningHyperParameters('tiny');
const data = prepareCaptioningData({ scenes: 32, validationScenes: 4, heldOutScenes: 4 }, hp);
const init = (hyperParameters = hp) => ({
  worker: 1,
  workers: 2,
  config: { hyperParameters, vocabulary: data.vocabulary.toJSON() as never },
  shared: null,
});

describe('captioning createShardWorker', () => {
  it("builds the main thread's variables and scores its rows as the main thread does", () => {
    const model = createCaptioningModel({ vocabulary: data.vocabulary, hyperParameters: hp });
    const worker = createShardWorker(init());
    const batch = captionBatchAt(data, 2, hp.batchSize, hp.seed, hp.wordDropout);
    try {
      expect(worker.variables.map((v) => [v.name, v.variable.shape])).toEqual(
        model.variables.map((v) => [v.name, v.variable.shape]),
      );
      worker.variables.forEach((v, i) => {
        expect(v.variable.dataSync()).toEqual(model.variables[i]?.variable.dataSync());
      });
      const shard = shardCaptionBatch(batch, 2)[1]!; // rows 4..8
      const got = tf.tidy(() => {
        const out = worker.loss(shard);
        return [out.loss.dataSync()[0] as number, out.examples];
      });
      const want = tf.tidy(() => {
        const rows = (t: tf.Tensor) => tf.slice(t, [4], [4]);
        const mask = rows(batch.mask) as tf.Tensor2D;
        return [
          model
            .loss(
              rows(batch.images) as tf.Tensor4D,
              rows(batch.inputs) as tf.Tensor2D,
              rows(batch.targets) as tf.Tensor2D,
              mask,
            )
            .dataSync()[0] as number,
          tf.sum(mask).dataSync()[0] as number,
        ];
      });
      expect(got[0]).toBeCloseTo(want[0] as number, 6);
      expect(got[1]).toBe(want[1]);
      expect(() => worker.loss({ ...shard, mask: shard.mask.subarray(1) })).toThrow(ShapeError);
    } finally {
      batch.dispose();
      worker.dispose?.();
      model.dispose();
    }
  });

  it('refuses a frozen pretrained encoder', () => {
    expect(() => createShardWorker(init({ ...hp, encoder: 'mobilenet-v2' }))).toThrow(ConfigError);
    expect(() => createShardWorker(init({ ...hp, encoder: 'mobilenet-v2' }))).toThrow(
      'captioning worker 1 of 2: expected the from-scratch CNN encoder, got encoder "mobilenet-v2". Data-parallel workers do not load frozen encoders; train it with --workers 1.',
    );
  });
});
