// The char-LM's worker threads directly (issue 16 item 1): tensors stay flat inside every
// worker over many steps (carried state, masks, gradients) and evaluations, and the carried
// state read for a checkpoint has the whole batch's shape. Workers load dist/: `pnpm build`.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { selectBackend } from '@recurrent/backends';
import { lmWindows } from '@recurrent/data';
import { createRandom } from '@recurrent/random';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { startCharLmWorkers } from './char-lm-workers.js';
import { createCharLm, prepareCharLmData, resolveHyperParameters } from './index.js';

const TEXT = 'the cat sat on the mat. the dog sat on the log. '.repeat(60);
const workerSetup = { module: new URL('./test-worker-setup.mjs', import.meta.url).href };

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('startCharLmWorkers', () => {
  it('keeps numTensors flat in every worker and on this thread over 60 steps and evaluations', async () => {
    const data = await prepareCharLmData(TEXT, { validationFraction: 0.1 });
    const hp = resolveHyperParameters('tiny', { timeSteps: 16, batchSize: 8 });
    const model = createCharLm({ vocabulary: data.vocabulary, hyperParameters: hp });
    const windows = lmWindows(data.train, {
      batchSize: hp.batchSize,
      timeSteps: hp.timeSteps,
      vocabSize: model.vocabSize,
    });
    const workers = await startCharLmWorkers(model, data, 2, workerSetup);
    const rng = createRandom(1);
    const steps = async (from: number, to: number) => {
      for (let step = from; step < to; step++) {
        if (step % windows.stepsPerEpoch === 0) workers.resetState();
        const batch = windows.batchAt(step);
        const combined = await workers.pool.step(
          workers.dataParallel.shard(batch, { step, training: true, rng }),
        );
        batch.dispose();
        expect(Number.isFinite(combined.loss)).toBe(true);
        workers.pool.weightsChanged();
      }
      await workers.evaluate();
    };
    try {
      await steps(0, 5);
      const main = tf.memory().numTensors;
      const inWorkers = await workers.pool.numTensors();
      await steps(5, 65);
      expect(await workers.pool.numTensors()).toEqual(inWorkers);
      const state = workers.saveState();
      expect(Object.values(state).map((t) => t.shape)).toEqual([
        [8, 64],
        [8, 64],
      ]);
      expect(tf.memory().numTensors).toBe(main + 2); // the two state tensors saveState() holds
      const m = await workers.evaluate();
      expect(m.valLoss).toBeGreaterThan(0);
      expect(m.characters).toBe(data.validation.length - 1);
    } finally {
      await workers.close();
      model.dispose();
    }
  });
});
