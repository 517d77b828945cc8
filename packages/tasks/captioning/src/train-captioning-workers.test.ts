// Data-parallel captioning training: 2 and 3 worker threads, each with a contiguous block of
// the batch's images and captions, against the one-thread run on wasm (tiny preset, attention
// and show-and-tell decoders); resume from a 2-worker checkpoint; the refusals. The workers
// load the BUILT package (dist/): run `pnpm --filter @recurrent/captioning build` first.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { selectBackend } from '@recurrent/backends';
import { ConfigError } from '@recurrent/errors';
import type { TrainProgress } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CaptioningHyperParameters } from './captioning-defaults.js';
import { captioningTask } from './captioning-task.js';
import { createCaptioningModel } from './create-captioning-model.js';
import { prepareCaptioningData } from './prepare-captioning-data.js';
import { resolveCaptioningHyperParameters } from './resolve-captioning-hyper-parameters.js';
import { type TrainCaptioningOptions, trainCaptioning } from './train-captioning.js';

// Each case starts worker threads with a wasm backend each, on 2 cores shared with the rest
// of CI's tests: under turbo's parallel tasks (load ~20) cases took over 60 s (alone 10-20 s).
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

const workerSetup = { module: new URL('./test-worker-setup.mjs', import.meta.url).href };

let dir: string;
beforeAll(async () => {
  await selectBackend('wasm');
  dir = mkdtempSync(path.join(tmpdir(), 'captioning-workers-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function setup(overrides: Partial<CaptioningHyperParameters> = {}) {
  const hp = resolveCaptioningHyperParameters('tiny', { steps: 30, ...overrides });
  const data = prepareCaptioningData({ scenes: 64, validationScenes: 6, heldOutScenes: 6 }, hp);
  return {
    data,
    fresh: () => createCaptioningModel({ vocabulary: data.vocabulary, hyperParameters: hp }),
  };
}

const maxDiff = (a: readonly number[], b: readonly number[]) =>
  Math.max(...a.map((v, i) => Math.abs(v - (b[i] as number))));

async function run(
  workers: number,
  options: TrainCaptioningOptions = {},
  overrides: Partial<CaptioningHyperParameters> = {},
) {
  const { data, fresh } = setup(overrides);
  const model = fresh();
  const evals: number[] = [];
  try {
    const result = await trainCaptioning(model, data, {
      workers,
      workerSetup,
      evalEvery: 15,
      ...options,
      onProgress: (e: TrainProgress) => {
        if (e.kind === 'eval') evals.push(Number(e.metrics.bleu4));
        options.onProgress?.(e);
      },
    });
    return { result, evals };
  } finally {
    model.dispose();
  }
}

describe('trainCaptioning with workers', () => {
  it('repeats the one-thread losses on 2 and 3 workers (attention decoder)', async () => {
    const one = await run(1);
    const two = await run(2);
    const three = await run(3); // 8 images as 3, 3, 2
    // Measured (2026-12-02, wasm, 2-core Xeon, tiny preset, 30 steps): training losses within
    // 1.2e-6 (2 workers) and 9.5e-7 (3) of one thread's (float32 sums of the shards' gradients
    // in another order); 1e-5 leaves room for other CPUs.
    expect(maxDiff(two.result.losses, one.result.losses)).toBeLessThan(1e-5);
    expect(maxDiff(three.result.losses, one.result.losses)).toBeLessThan(1e-5);
    expect(two.result.losses).toHaveLength(30);
    expect(two.evals).toHaveLength(2);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(two.result.losses.slice(-5))).toBeLessThan(
      mean(two.result.losses.slice(0, 5)) - 0.5,
    );
  });

  it('repeats the one-thread losses on 2 workers (show-and-tell decoder)', async () => {
    const hp = { decoder: 'show-and-tell' as const };
    const one = await run(1, {}, hp);
    const two = await run(2, {}, hp);
    // Measured (same machine and day): within 7.2e-7 over 30 steps.
    expect(maxDiff(two.result.losses, one.result.losses)).toBeLessThan(1e-5);
  });

  it('resumes from a 2-worker checkpoint as the runs would have gone on', async () => {
    const runDir = path.join(dir, 'resume');
    const controller = new AbortController();
    const first = await run(2, {
      checkpointDir: runDir,
      checkpointEvery: 5,
      signal: controller.signal,
      onProgress: (e) => {
        if (e.kind === 'step' && e.step === 12) controller.abort();
      },
    });
    expect(first.result.reason).toBe('aborted');
    expect(first.result.step).toBe(12);
    const copy = path.join(dir, 'resume-copy');
    cpSync(runDir, copy, { recursive: true });
    // on 2 workers again: bit for bit the uninterrupted 2-worker run
    const twoRest = await run(2, { checkpointDir: runDir, resume: true });
    const twoStraight = await run(2);
    expect([...first.result.losses, ...twoRest.result.losses]).toEqual(twoStraight.result.losses);
    // on 1 thread: the 1-thread run within the float tolerance above
    const oneRest = await run(1, { checkpointDir: copy, resume: true });
    const oneStraight = await run(1);
    expect(oneRest.result.losses).toHaveLength(18);
    expect(
      maxDiff([...first.result.losses, ...oneRest.result.losses], oneStraight.result.losses),
    ).toBeLessThan(1e-5);
  });

  it('keeps numTensors flat on the main thread over many steps', async () => {
    const { data, fresh } = setup();
    const model = fresh();
    try {
      await trainCaptioning(model, data, { workers: 2, workerSetup, steps: 4, evalEvery: 4 });
      const before = tf.memory().numTensors;
      await trainCaptioning(model, data, { workers: 2, workerSetup, steps: 50, evalEvery: 25 });
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      model.dispose();
    }
  });

  it('trains on 2 workers through captioningTask.train, whose workerModule is built', async () => {
    const { data, fresh } = setup();
    const module = captioningTask.dataParallel?.workerModule ?? '';
    expect(existsSync(fileURLToPath(module))).toBe(true);
    const losses = async (workers: number) => {
      const model = fresh();
      try {
        const result = await captioningTask.train(model, data, {
          steps: 6,
          evalEvery: 6,
          ...(workers > 1 ? { workers, workerSetup } : {}),
        });
        return result.losses;
      } finally {
        model.dispose();
      }
    };
    expect(maxDiff(await losses(2), await losses(1))).toBeLessThan(1e-5);
    const model = fresh(); // the option reaches trainCaptioning: 99 workers are refused there
    try {
      await expect(captioningTask.train(model, data, { workers: 99, workerSetup })).rejects.toThrow(
        'captioning: expected workers to be an integer in [1, 8]',
      );
    } finally {
      model.dispose();
    }
  });

  it('refuses more workers than images, and a frozen pretrained encoder', async () => {
    const { data, fresh } = setup();
    const model = fresh();
    const before = tf.memory().numTensors;
    try {
      await expect(trainCaptioning(model, data, { workers: 9, workerSetup })).rejects.toThrow(
        "captioning: expected workers to be an integer in [1, 8] (each worker needs at least one of the batch's 8 images), got 9. Pass --workers 2, or a larger --batch-size.",
      );
      // what --encoder mobilenet-v2 (and every --features run, which needs a frozen encoder) gives
      const frozen = {
        ...model,
        hyperParameters: { ...model.hyperParameters, encoder: 'mobilenet-v2' },
      };
      const refused = trainCaptioning(frozen, data, { workers: 2, workerSetup });
      await expect(refused).rejects.toThrow(ConfigError);
      await expect(refused).rejects.toThrow(
        'captioning: --workers 2 spreads the from-scratch CNN\'s forward and backward passes over threads, but encoder "mobilenet-v2" is pretrained and frozen: its features are computed once on this thread (or read from --features) and the workers do not load it, and what is left of a step (the decoder) is small. Train it with --workers 1, or use --encoder scratch with --workers 2.',
      );
      expect(tf.memory().numTensors).toBe(before); // refused before any batch was made
    } finally {
      model.dispose();
    }
  });
});
