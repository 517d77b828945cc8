// Data-parallel clinical training: 2 and 3 worker threads, each with a contiguous block of
// every batch's stays and its exact share of the batch's two means (final and hourly risk),
// against the one-thread fold on wasm; GRU-D (observed masks and deltas) too. The workers load
// the BUILT package (dist/): run `pnpm build` first.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { selectBackend } from '@recurrent/backends';
import { type TrainProgress, WorkerError } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { toBatch } from './clinical-batches.js';
import type { ClinicalHyperParameters } from './clinical-defaults.js';
import type { ClinicalBatch } from './create-clinical-model.js';
import { type ClinicalData, prepareClinicalData } from './prepare-clinical-data.js';
import { resolveClinicalHyperParameters } from './resolve-clinical-hyper-parameters.js';
import { clinicalLoss, createFoldModel, type TrainFoldOptions, trainFold } from './train-fold.js';

// Each case starts worker threads with a wasm backend each, on 2 cores shared with the rest
// of CI's tests: under turbo's parallel tasks (load ~20) cases took over 60 s (alone 10-20 s).
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

const setupUrl = new URL('./test-worker-setup.mjs', import.meta.url).href;
const workerSetup = { module: setupUrl };

let dir: string;
const cache = new Map<string, ClinicalData>();
beforeAll(async () => {
  await selectBackend('wasm');
  dir = mkdtempSync(path.join(tmpdir(), 'clinical-workers-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** tiny: 16 stays a batch, 8 units; 6-hour steps keep the grid short. */
async function dataFor(over: Partial<ClinicalHyperParameters> = {}): Promise<ClinicalData> {
  const key = JSON.stringify(over);
  if (!cache.has(key)) {
    const hp = resolveClinicalHyperParameters('tiny', { stepHours: 6, ...over });
    cache.set(key, await prepareClinicalData({ folds: 2, stays: 120 }, hp));
  }
  return cache.get(key)!;
}

const maxDiff = (a: readonly number[], b: readonly number[]) =>
  Math.max(...a.map((v, i) => Math.abs(v - (b[i] as number))));

async function run(
  workers: number,
  steps: number,
  extra: TrainFoldOptions = {},
  over: Partial<ClinicalHyperParameters> = {},
) {
  const data = await dataFor(over);
  const model = createFoldModel(data, 0);
  const evals: number[] = [];
  try {
    const outcome = await trainFold(model, data, 0, {
      workers,
      workerSetup,
      steps,
      evalEvery: 10,
      ...extra,
      onProgress: (e: TrainProgress) => {
        if (e.kind === 'eval') evals.push(Number(e.metrics.auroc));
        extra.onProgress?.(e);
      },
    });
    return { result: outcome.result, evals, test: outcome.test };
  } finally {
    model.dispose();
  }
}

describe('clinicalLoss of shards', () => {
  it("weighted by their stays, the shards' losses are the whole batch's, with stays of other lengths", async () => {
    const data = await dataFor();
    const model = createFoldModel(data, 0);
    const sel = { grids: data.grids, stays: data.set.stays, labels: data.set.labels };
    const ids = Int32Array.from({ length: 10 }, (_, i) => i);
    const whole = toBatch(sel, ids, model.normalizer, model.hyperParameters);
    // Cut the first stays short, so the two shards hold different hours per stay.
    const time = whole.mask.shape[1];
    const lengths = [1, 2, time, 3, time, time, 5, time, 7, time];
    const ragged = tf.tensor2d(
      lengths.flatMap((n) => Array.from({ length: time }, (_, t) => (t < n ? 1 : 0))),
      [10, time],
    ); // [10, time]
    const batch: ClinicalBatch = { ...whole, mask: tf.mul(whole.mask, ragged) as tf.Tensor2D };
    const hours = (await tf.sum(batch.mask).data())[0]!;
    const part = (first: number, last: number): ClinicalBatch => ({
      x: tf.slice(batch.x, [first, 0, 0], [last - first, -1, -1]),
      mask: tf.slice(batch.mask, [first, 0], [last - first, -1]),
      labels: tf.slice(batch.labels, [first], [last - first]),
    });
    const all = clinicalLoss(model, batch).dataSync()[0]!;
    const a = clinicalLoss(model, part(0, 3), { rows: 10, hours }).dataSync()[0]!;
    const b = clinicalLoss(model, part(3, 10), { rows: 10, hours }).dataSync()[0]!;
    const perShardMeans =
      (3 * clinicalLoss(model, part(0, 3)).dataSync()[0]! +
        7 * clinicalLoss(model, part(3, 10)).dataSync()[0]!) /
      10;
    // Measured (wasm): within 2.4e-8; each shard's own means (no `whole`) are 1.5e-2 off here.
    expect(Math.abs((3 * a + 7 * b) / 10 - all)).toBeLessThan(1e-6);
    expect(Math.abs(perShardMeans - all)).toBeGreaterThan(1e-4);
    console.log(
      `clinicalLoss shards: |weighted - whole| ${Math.abs((3 * a + 7 * b) / 10 - all).toExponential(2)}, per-shard means ${Math.abs(perShardMeans - all).toExponential(2)}`,
    );
    model.dispose();
  });
});

describe('trainFold with workers', () => {
  it('repeats the one-thread losses and validation AUROCs on 2 and 3 workers (GRU and GRU-D)', async () => {
    const one = await run(1, 30);
    const two = await run(2, 30);
    const three = await run(3, 30); // 16 stays as 6, 5, 5
    const dOne = await run(1, 20, {}, { cell: 'gru-d' });
    const dTwo = await run(2, 20, {}, { cell: 'gru-d' });
    // Measured (2026-12-02, wasm, 2-core Xeon): training losses within 2.4e-7 of one thread's
    // on 2 and 3 workers (GRU, 30 steps) and on 2 (GRU-D, 20 steps); validation and test AUROC
    // identical (float32 gradients summed in another order); 1e-5 leaves room for other CPUs.
    // The generated stays all fill the grid, so the shard-loss test above covers ragged ones.
    expect(maxDiff(two.result.losses, one.result.losses)).toBeLessThan(1e-5);
    expect(maxDiff(three.result.losses, one.result.losses)).toBeLessThan(1e-5);
    expect(maxDiff(dTwo.result.losses, dOne.result.losses)).toBeLessThan(1e-5);
    expect(maxDiff(two.evals, one.evals)).toBeLessThan(1e-3);
    expect(maxDiff(three.evals, one.evals)).toBeLessThan(1e-3);
    expect(Math.abs(two.test.auroc - one.test.auroc)).toBeLessThan(1e-3);
    expect(two.evals).toHaveLength(3);
    expect(two.result.losses).toHaveLength(30);
    console.log(
      `clinical workers: max |loss 2 - loss 1| ${maxDiff(two.result.losses, one.result.losses).toExponential(2)}, 3: ${maxDiff(three.result.losses, one.result.losses).toExponential(2)}, GRU-D 2: ${maxDiff(dTwo.result.losses, dOne.result.losses).toExponential(2)}; validation AUROC ${maxDiff(two.evals, one.evals).toExponential(2)}, ${maxDiff(three.evals, one.evals).toExponential(2)}; test AUROC ${one.test.auroc} / ${two.test.auroc}`,
    );
  }, 300_000);

  it('resumes exactly: a 2-worker fold aborted at 12 and resumed to 24 = 24 straight; its checkpoint resumes on one thread as one thread would', async () => {
    const runDir = path.join(dir, 'resume');
    const controller = new AbortController();
    const first = await run(2, 24, {
      checkpointDir: runDir,
      checkpointEvery: 6,
      signal: controller.signal,
      onProgress: (e) => {
        if (e.kind === 'step' && e.step === 12) controller.abort();
      },
    });
    expect(first.result.reason).toBe('aborted');
    expect(first.result.step).toBe(12);
    const copy = path.join(dir, 'resume-on-one');
    cpSync(runDir, copy, { recursive: true });
    const second = await run(2, 24, { checkpointDir: runDir, resume: true });
    const straight = await run(2, 24);
    expect([...first.result.losses, ...second.result.losses]).toEqual(straight.result.losses);
    // The 2-worker checkpoint of step 12 resumed on one thread: the one-thread fold's steps
    // 13-24 (measured within 1.2e-7, wasm).
    const oneRest = await run(1, 24, { checkpointDir: copy, resume: true });
    const oneStraight = await run(1, 24);
    expect(oneRest.result.losses).toHaveLength(12);
    expect(maxDiff(oneRest.result.losses, oneStraight.result.losses.slice(12))).toBeLessThan(1e-5);
    console.log(
      `clinical resume on one thread from a 2-worker checkpoint: max |loss - one-thread loss| ${maxDiff(oneRest.result.losses, oneStraight.result.losses.slice(12)).toExponential(2)}`,
    );
  }, 300_000);

  it('keeps numTensors flat on the main thread over many steps', async () => {
    const data = await dataFor();
    const model = createFoldModel(data, 0);
    try {
      await trainFold(model, data, 0, { workers: 2, workerSetup, steps: 5, evalEvery: 5 });
      const before = tf.memory().numTensors;
      await trainFold(model, data, 0, { workers: 2, workerSetup, steps: 80, evalEvery: 40 });
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      model.dispose();
    }
  }, 300_000);

  it('stops with an error naming the worker when one throws; the last checkpoint stays', async () => {
    const runDir = path.join(dir, 'fail');
    // Log1p runs four times in each step's loss (two binary cross-entropies of two softplus
    // terms each): its 29th call in worker 1 is in step 8, after the checkpoint of step 5.
    const failing = {
      module: setupUrl,
      options: { fail: { worker: 1, kernel: 'Log1p', call: 29 } },
    };
    const data = await dataFor();
    const model = createFoldModel(data, 0);
    try {
      const training = trainFold(model, data, 0, {
        workers: 2,
        workerSetup: failing,
        steps: 20,
        checkpointDir: runDir,
        checkpointEvery: 5,
      });
      await expect(training).rejects.toThrow(WorkerError);
      await expect(training).rejects.toThrow(
        'clinical: worker 1 of 2 failed: injected failure in Log1p (call 29). The step was not applied; the last checkpoint is intact',
      );
      const state = JSON.parse(readFileSync(path.join(runDir, 'latest', 'state.json'), 'utf8'));
      expect(state.step).toBe(5);
    } finally {
      model.dispose();
    }
  }, 300_000);

  it('refuses more workers than stays in a batch', async () => {
    const data = await dataFor();
    const model = createFoldModel(data, 0);
    try {
      await expect(trainFold(model, data, 0, { workers: 17, workerSetup })).rejects.toThrow(
        "clinical: expected workers to be an integer in [1, 16] (each worker needs at least one of the batch's 16 stays), got 17. Pass --workers 2, or a larger --batch-size.",
      );
    } finally {
      model.dispose();
    }
  });
});
