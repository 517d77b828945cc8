// The captioning model's worker threads directly: a batch cut into contiguous blocks of rows
// that put it back together, tensors flat inside every worker and on this thread over many
// steps, and a worker that throws stops train() with an error naming it while the last
// checkpoint stays intact. Workers load dist/: `pnpm --filter @recurrent/captioning build`.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { selectBackend } from '@recurrent/backends';
import { loadCheckpoint, train, WorkerError } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaptionBatch, captionBatchAt } from './caption-batches.js';
import { type CaptioningShard, rowsOf } from './captioning-worker-config.js';
import { shardCaptionBatch, startCaptioningWorkers } from './captioning-workers.js';
import { createCaptioningModel } from './create-captioning-model.js';
import { prepareCaptioningData } from './prepare-captioning-data.js';
import { resolveCaptioningHyperParameters } from './resolve-captioning-hyper-parameters.js';

const workerSetup = { module: new URL('./test-worker-setup.mjs', import.meta.url).href };

let dir: string;
beforeAll(async () => {
  await selectBackend('wasm');
  dir = mkdtempSync(path.join(tmpdir(), 'captioning-pool-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function setup() {
  const hp = resolveCaptioningHyperParameters('tiny', { batchSize: 7 }); // 7 rows: 4 + 3 on 2 workers
  const data = prepareCaptioningData({ scenes: 64, validationScenes: 6, heldOutScenes: 6 }, hp);
  const model = createCaptioningModel({ vocabulary: data.vocabulary, hyperParameters: hp });
  const batchAt = (step: number) =>
    captionBatchAt(data, step, hp.batchSize, hp.seed, hp.wordDropout);
  return { hp, data, model, batchAt };
}

describe('shardCaptionBatch', () => {
  it('cuts a batch into contiguous rows that put it back together', () => {
    const { hp, model, batchAt } = setup();
    const batch = batchAt(3);
    try {
      expect([0, 1, 2].map((w) => rowsOf(w, 3, 7))).toEqual([
        [0, 3],
        [3, 5],
        [5, 7],
      ]);
      const shards = shardCaptionBatch(batch, 3);
      expect(shards.map((s) => s.rows)).toEqual([3, 2, 2]);
      const time = batch.inputs.shape[1];
      expect(shards.every((s) => s.time === time)).toBe(true);
      const joined = (key: 'images' | 'inputs' | 'targets' | 'mask') =>
        shards.flatMap((s) => Array.from(s[key]));
      expect(joined('images')).toEqual(Array.from(batch.images.dataSync()));
      expect(joined('images')).toHaveLength(7 * hp.imageSize * hp.imageSize * 3);
      expect(joined('inputs')).toEqual(Array.from(batch.inputs.dataSync()));
      expect(joined('targets')).toEqual(Array.from(batch.targets.dataSync()));
      expect(joined('mask')).toEqual(Array.from(batch.mask.dataSync()));
    } finally {
      batch.dispose();
      model.dispose();
    }
  });
});

describe('startCaptioningWorkers', () => {
  it('keeps numTensors flat in every worker and on this thread over 60 steps', async () => {
    const { model, batchAt } = setup();
    const workers = await startCaptioningWorkers(model, 2, workerSetup);
    const steps = async (from: number, to: number) => {
      for (let step = from; step < to; step++) {
        const batch = batchAt(step);
        const shards = workers.dataParallel.shard(batch, {
          step,
          training: true,
          rng: null as never, // the captioning shard draws nothing
        }) as CaptioningShard[];
        batch.dispose();
        const combined = await workers.pool.step(shards);
        expect(Number.isFinite(combined.loss)).toBe(true);
        expect(combined.examples).toBe(
          shards.reduce((n, s) => n + s.mask.reduce((a, b) => a + b, 0), 0),
        );
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

  it('stops train() with an error naming the worker that threw; the last checkpoint stays', async () => {
    const { hp, model, batchAt } = setup();
    const runDir = path.join(dir, 'fail');
    const workers = await startCaptioningWorkers(model, 2, workerSetup);
    // Worker 1 gets a torn shard at step 7 (its images cut short): its own check throws.
    const dataParallel = {
      pool: workers.pool,
      shard(batch: CaptionBatch, ctx: { step: number }) {
        const shards = shardCaptionBatch(batch, 2);
        if (ctx.step !== 7) return shards;
        const torn = shards[1]!;
        return [shards[0], { ...torn, images: torn.images.subarray(0, 100) }];
      },
    };
    try {
      const run = train({
        model: {
          variables: model.variables,
          loss: (b: CaptionBatch) => model.loss(b.images, b.inputs, b.targets, b.mask),
          countBatch: (b) => ({ items: b.rows, tokens: b.words }),
        },
        data: { batchAt, stepsPerEpoch: 8, dispose: (b) => b.dispose() },
        optimizer: { name: 'adam', learningRate: hp.learningRate },
        steps: 20,
        seed: hp.seed,
        clipNorm: hp.clipNorm,
        checkpointDir: runDir,
        checkpointEvery: 5,
        config: { task: 'captioning' },
        dataParallel,
      });
      await expect(run).rejects.toThrow(WorkerError);
      await expect(run).rejects.toThrow(
        "captioning: worker 1 of 2 failed: captioning worker: expected a shard of 3 rows with 9216 pixel values (3 x 32 x 32 x 3) and 57 ids, targets and mask values (3 x 19), received 100, 57, 57, 57. Cut shards with startCaptioningWorkers' dataParallel.shard(). The step was not applied; the last checkpoint is intact (continue with --resume).",
      );
      const state = JSON.parse(await readFile(path.join(runDir, 'latest', 'state.json'), 'utf8'));
      expect(state.step).toBe(5);
      const saved = await loadCheckpoint(path.join(runDir, 'latest')); // checksums verified
      expect(saved.state?.step).toBe(5);
      expect([...saved.weights.keys()].sort()).toEqual(model.variables.map((v) => v.name).sort());
    } finally {
      await workers.close();
      model.dispose();
    }
  });
});
