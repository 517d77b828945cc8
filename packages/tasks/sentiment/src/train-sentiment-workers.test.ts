// Data-parallel sentiment training: 2 and 3 worker threads, each with a contiguous block of
// every batch's rows and the whole batch's dropout masks cut to them, against the one-thread
// run on wasm (dropout 0.5, so every mask must match). The workers load the BUILT package
// (dist/): run `pnpm build` first.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { selectBackend } from '@recurrent/backends';
import { type TrainProgress, WorkerError } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createSentimentModel,
  loadUciSentences,
  prepareSentimentData,
  resolveSentimentHyperParameters,
  type SentimentData,
  trainSentiment,
} from './index.js';

// Each case starts worker threads with a wasm backend each, on 2 cores shared with the rest
// of CI's tests: under turbo's parallel tasks (load ~20) cases took over 60 s (alone 10-20 s).
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

const setupUrl = new URL('./test-worker-setup.mjs', import.meta.url).href;
const workerSetup = { module: setupUrl };

let dir: string;
let data: SentimentData;
beforeAll(async () => {
  await selectBackend('wasm');
  dir = mkdtempSync(path.join(tmpdir(), 'sentiment-workers-'));
  // tiny: 16 sentences a batch, 16 units, dropout 0.5 on the embeddings and before the head
  const hp = resolveSentimentHyperParameters('tiny', { steps: 30 });
  data = prepareSentimentData(await loadUciSentences(), { hyperParameters: hp });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fresh = () =>
  createSentimentModel({
    vocabulary: data.vocabulary,
    tokenizer: data.tokenizer,
    labels: data.labels,
    hyperParameters: data.hyperParameters,
  });

const maxDiff = (a: readonly number[], b: readonly number[]) =>
  Math.max(...a.map((v, i) => Math.abs(v - (b[i] as number))));

async function run(
  workers: number,
  steps: number,
  extra: Parameters<typeof trainSentiment>[2] = {},
) {
  const model = fresh();
  const evals: number[] = [];
  try {
    const result = await trainSentiment(model, data, {
      workers,
      workerSetup,
      steps,
      evalEvery: 10,
      ...extra,
      onProgress: (e: TrainProgress) => {
        if (e.kind === 'eval') evals.push(Number(e.metrics.loss));
        extra.onProgress?.(e);
      },
    });
    return { result, evals };
  } finally {
    model.dispose();
  }
}

describe('trainSentiment with workers', () => {
  it('repeats the one-thread losses and validation losses on 2 and 3 workers', async () => {
    const one = await run(1, 30);
    const two = await run(2, 30);
    const three = await run(3, 30); // 16 rows as 6, 5, 5
    // Measured (2026-12-02, wasm, 2-core Xeon): training losses within 1.2e-7 of one thread's
    // on 2 and on 3 workers over 30 steps, validation losses within 1.7e-9 and 3.5e-9 (float32
    // gradients summed in another order); 1e-5 leaves room for other CPUs. With the dropout
    // masks drawn for the shard alone (not cut from the batch's) it is 4.1e-2.
    expect(maxDiff(two.result.losses, one.result.losses)).toBeLessThan(1e-5);
    expect(maxDiff(three.result.losses, one.result.losses)).toBeLessThan(1e-5);
    expect(maxDiff(two.evals, one.evals)).toBeLessThan(1e-5);
    expect(maxDiff(three.evals, one.evals)).toBeLessThan(1e-5);
    expect(two.evals).toHaveLength(3);
    expect(two.result.losses).toHaveLength(30);
    console.log(
      `sentiment workers: max |loss 2 - loss 1| ${maxDiff(two.result.losses, one.result.losses).toExponential(2)}, 3: ${maxDiff(three.result.losses, one.result.losses).toExponential(2)}; val loss ${maxDiff(two.evals, one.evals).toExponential(2)}, ${maxDiff(three.evals, one.evals).toExponential(2)}`,
    );
  });

  it('resumes exactly: a 2-worker run aborted at 12 and resumed to 24 = 24 straight; its checkpoint resumes on one thread as one thread would', async () => {
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
    // The 2-worker checkpoint of step 12 resumed on one thread: the one-thread run's steps 13-24
    // (measured within 6.0e-8, wasm).
    const oneRest = await run(1, 24, { checkpointDir: copy, resume: true });
    const oneStraight = await run(1, 24);
    expect(oneRest.result.losses).toHaveLength(12);
    expect(maxDiff(oneRest.result.losses, oneStraight.result.losses.slice(12))).toBeLessThan(1e-5);
    console.log(
      `sentiment resume on one thread from a 2-worker checkpoint: max |loss - one-thread loss| ${maxDiff(oneRest.result.losses, oneStraight.result.losses.slice(12)).toExponential(2)}`,
    );
  });

  it('keeps numTensors flat on the main thread over many steps', async () => {
    const model = fresh();
    try {
      await trainSentiment(model, data, { workers: 2, workerSetup, steps: 5, evalEvery: 5 });
      const before = tf.memory().numTensors;
      await trainSentiment(model, data, { workers: 2, workerSetup, steps: 80, evalEvery: 40 });
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      model.dispose();
    }
  });

  it('stops with an error naming the worker when one throws; the last checkpoint stays', async () => {
    const runDir = path.join(dir, 'fail');
    // Log1p runs twice in each step's loss (binary cross-entropy's two softplus terms):
    // its 15th call in worker 1 is in step 8, after the checkpoint of step 5.
    const failing = {
      module: setupUrl,
      options: { fail: { worker: 1, kernel: 'Log1p', call: 15 } },
    };
    const model = fresh();
    try {
      const training = trainSentiment(model, data, {
        workers: 2,
        workerSetup: failing,
        steps: 20,
        checkpointDir: runDir,
        checkpointEvery: 5,
      });
      await expect(training).rejects.toThrow(WorkerError);
      await expect(training).rejects.toThrow(
        'sentiment: worker 1 of 2 failed: injected failure in Log1p (call 15). The step was not applied; the last checkpoint is intact',
      );
      const state = JSON.parse(readFileSync(path.join(runDir, 'latest', 'state.json'), 'utf8'));
      expect(state.step).toBe(5);
    } finally {
      model.dispose();
    }
  });

  it('refuses more workers than sentences in a batch, and stacked dropout on workers', async () => {
    const model = fresh();
    try {
      await expect(trainSentiment(model, data, { workers: 17, workerSetup })).rejects.toThrow(
        "sentiment: expected workers to be an integer in [1, 16] (each worker needs at least one of the batch's 16 sentences), got 17. Pass --workers 2, or a larger --batch-size.",
      );
    } finally {
      model.dispose();
    }
    const stacked = createSentimentModel({
      vocabulary: data.vocabulary,
      tokenizer: data.tokenizer,
      labels: data.labels,
      hyperParameters: { ...data.hyperParameters, layers: 2 },
    });
    try {
      await expect(trainSentiment(stacked, data, { workers: 2, workerSetup })).rejects.toThrow(
        'sentiment: --workers 2 cannot repeat the dropout between stacked layers (layers 2, dropout 0.5)',
      );
    } finally {
      stacked.dispose();
    }
  });
});
