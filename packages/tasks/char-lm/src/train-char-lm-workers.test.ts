// Data-parallel char-LM training (issue 16 item 1): 2 and 3 worker threads, each with
// contiguous lanes and their carried state, against the one-thread run on wasm. The workers
// load the BUILT packages (dist/): run `pnpm build` first.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { selectBackend } from '@recurrent/backends';
import type { TrainProgress } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCharLm, prepareCharLmData, resolveHyperParameters, trainCharLm } from './index.js';

// Each case starts worker threads with a wasm backend each, on 2 cores shared with the rest
// of CI's tests: under turbo's parallel tasks (load ~20) cases took over 60 s (alone 10-20 s).
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

const TEXT = 'the cat sat on the mat. the dog sat on the log. '.repeat(60);
const workerSetup = { module: new URL('./test-worker-setup.mjs', import.meta.url).href };

let dir: string;
beforeAll(async () => {
  await selectBackend('wasm');
  dir = mkdtempSync(path.join(tmpdir(), 'char-lm-workers-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function setup(steps: number) {
  const data = await prepareCharLmData(TEXT, { validationFraction: 0.1 });
  // Lane resets drawn from the trainer's RNG at 4x the default rate, so they matter here.
  const hp = resolveHyperParameters('tiny', {
    steps,
    timeSteps: 16,
    batchSize: 8,
    stateResetProbability: 0.2,
  });
  return { data, fresh: () => createCharLm({ vocabulary: data.vocabulary, hyperParameters: hp }) };
}

const maxDiff = (a: readonly number[], b: readonly number[]) =>
  Math.max(...a.map((v, i) => Math.abs(v - (b[i] as number))));

async function run(workers: number, steps: number, extra: Parameters<typeof trainCharLm>[2] = {}) {
  const { data, fresh } = await setup(steps);
  const model = fresh();
  const evals: number[] = [];
  try {
    const result = await trainCharLm(model, data, {
      workers,
      workerSetup,
      evalEvery: 10,
      ...extra,
      onProgress: (e: TrainProgress) => {
        if (e.kind === 'eval') evals.push(Number(e.metrics.valLoss));
        extra.onProgress?.(e);
      },
    });
    return { result, evals };
  } finally {
    model.dispose();
  }
}

describe('trainCharLm with workers', () => {
  it('repeats the one-thread losses and validation losses on 2 and 3 workers', async () => {
    const one = await run(1, 30);
    const two = await run(2, 30);
    const three = await run(3, 30); // 8 lanes as 3, 3, 2
    // Measured (2026-12-02, wasm, 2-core Xeon): training losses within 6.0e-7 (2 workers) and
    // 7.2e-7 (3) of one thread's over 30 steps, validation losses within 2.7e-7 and 3.1e-7
    // (float32 sums in another order); 1e-5 leaves room for other CPUs.
    expect(maxDiff(two.result.losses, one.result.losses)).toBeLessThan(1e-5);
    expect(maxDiff(three.result.losses, one.result.losses)).toBeLessThan(1e-5);
    expect(maxDiff(two.evals, one.evals)).toBeLessThan(1e-5);
    expect(maxDiff(three.evals, one.evals)).toBeLessThan(1e-5);
    expect(two.evals).toHaveLength(3);
    expect(two.result.losses.at(-1)).toBeLessThan((two.result.losses[0] as number) - 0.5);
  });

  it('resumes exactly on 2 workers: abort at 12, resume to 24 = 24 straight', async () => {
    const runDir = path.join(dir, 'resume');
    const controller = new AbortController();
    const first = await run(2, 24, {
      checkpointDir: runDir,
      checkpointEvery: 5,
      signal: controller.signal,
      onProgress: (e) => {
        if (e.kind === 'step' && e.step === 12) controller.abort();
      },
    });
    expect(first.result.reason).toBe('aborted');
    expect(first.result.step).toBe(12);
    const second = await run(2, 24, { checkpointDir: runDir, resume: true });
    const straight = await run(2, 24);
    expect([...first.result.losses, ...second.result.losses]).toEqual(straight.result.losses);
    // a 2-worker checkpoint (whole-batch carried state) resumes on one thread too
    const oneRest = await run(1, 24, {
      checkpointDir: path.join(dir, 'resume'),
      resume: true,
      steps: 30,
    });
    expect(oneRest.result.losses).toHaveLength(6);
  });

  it('keeps numTensors flat on the main thread over many steps', async () => {
    const { data, fresh } = await setup(60);
    const model = fresh();
    try {
      await trainCharLm(model, data, { workers: 2, workerSetup, steps: 5, evalEvery: 5 });
      const before = tf.memory().numTensors;
      await trainCharLm(model, data, { workers: 2, workerSetup, steps: 60, evalEvery: 20 });
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      model.dispose();
    }
  });

  it('refuses more workers than lanes', async () => {
    const { data, fresh } = await setup(5);
    const model = fresh();
    try {
      await expect(trainCharLm(model, data, { workers: 9, workerSetup })).rejects.toThrow(
        "char-lm: expected workers to be an integer in [1, 8] (each worker needs at least one of the batch's 8 lanes), got 9.",
      );
    } finally {
      model.dispose();
    }
  });
});
