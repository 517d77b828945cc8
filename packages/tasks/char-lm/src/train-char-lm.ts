/**
 * Trains a char-LM as char-rnn does: contiguous windows of the text in parallel lanes, with
 * the hidden state carried from one window to the next (truncated backpropagation through
 * time) and reset at every epoch start. Delegates the loop, clipping, schedule, evaluation
 * and checkpoints to `@recurrent/train`.
 *
 * With `workers: N` (Node) each step's gradients are computed on N worker threads, each
 * with a contiguous share of the lanes and their carried state; this thread combines them,
 * clips, applies Adam and evaluates over the workers too (char-lm-workers.ts).
 *
 * On `resume`, weights, optimizer, RNG, the data position and the carried hidden state (saved
 * as `carry/<i>` in each checkpoint's model-state.safetensors) continue exactly, so a resumed
 * run repeats the losses of an uninterrupted one bit for bit.
 */
import { lmWindows, type TensorBatch } from '@recurrent/data';
import { CheckpointError, ConfigError } from '@recurrent/errors';
import {
  type CheckpointStore,
  type JsonValue,
  sequenceCrossEntropy,
  type Trainable,
  type TrainProgress,
  type TrainResult,
  train,
  type WorkerSetup,
} from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { charLmConfig } from './char-lm-config.js';
import type { CharLmWorkers } from './char-lm-workers.js';
import type { CharLm } from './create-char-lm.js';
import { evaluateCharLm } from './evaluate-char-lm.js';
import { type GenerateTextOptions, generateText } from './generate-text.js';
import type { CharLmData } from './prepare-char-lm-data.js';

export interface TrainCharLmOptions {
  /** Evaluate on the validation tail every N steps (and at the end). Default 100. */
  readonly evalEvery?: number;
  /** Write `latest/` every N steps. Default 100. */
  readonly checkpointEvery?: number;
  /** Node: the run folder (`runs/<name>`), holding `latest/` and `best/`. */
  readonly checkpointDir?: string;
  /** Browser: a store such as indexedDBCheckpointStore('char-lm'). */
  readonly checkpointStore?: CheckpointStore;
  readonly resume?: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: TrainProgress) => void;
  /** Override the step count of the hyper-parameters. */
  readonly steps?: number;
  /** Extra JSON for config.json (e.g. the corpus name and the command line). */
  readonly extraConfig?: Record<string, JsonValue>;
  /** Called after every evaluation with a short generated sample (see `sample`). */
  readonly onSample?: (sample: { step: number; prime: string; text: string }) => void;
  /** The sample generated at each evaluation when `onSample` is given. */
  readonly sample?: GenerateTextOptions & { readonly prime?: string };
  /**
   * Node: data-parallel worker threads, each with lanes of the batch and their carried state
   * (see char-lm-workers.ts). Default 1: everything on this thread.
   */
  readonly workers?: number;
  /** Node: the module each worker imports first, to pick its backend (the app's). */
  readonly workerSetup?: WorkerSetup;
}

export const trainCharLmDefaults = Object.freeze({
  evalEvery: 100, // a validation point every ~400k characters at the default batch
  checkpointEvery: 100, // lose at most 100 updates to a crash
  samplePrime: '\n', // start samples at a line break: the model picks the first word
  workers: 1, // one thread unless asked: see the README's measurement of --workers 2
});

async function startWorkers(
  model: CharLm,
  data: CharLmData,
  options: TrainCharLmOptions,
): Promise<CharLmWorkers | null> {
  const workers = options.workers ?? trainCharLmDefaults.workers;
  const lanes = model.hyperParameters.batchSize;
  if (!(Number.isInteger(workers) && workers >= 1 && workers <= lanes)) {
    throw new ConfigError(
      `char-lm: expected workers to be an integer in [1, ${lanes}] (each worker needs at least one of the batch's ${lanes} lanes), got ${workers}. Pass --workers 2, or a larger --batch-size.`,
    );
  }
  if (workers === 1) return null;
  const { startCharLmWorkers } = await import('./char-lm-workers.js'); // Node only: worker_threads
  return startCharLmWorkers(model, data, workers, options.workerSetup ?? null);
}

/** Checks saved carried state against the model: one [batchSize, size] tensor per state. */
function checkCarry(model: CharLm, tensors: Record<string, tf.Tensor>): tf.Tensor[] {
  const sizes = model.rnn.stateSize;
  const lanes = model.hyperParameters.batchSize;
  const want = sizes.map((size, i) => `carry/${i} [${lanes}, ${size}]`).join(', ');
  const got = Object.entries(tensors).map(([name, t]) => `${name} [${t.shape.join(', ')}]`);
  const ordered = sizes.map((_, i) => tensors[`carry/${i}`]);
  const fits =
    got.length === sizes.length &&
    ordered.every((t, i) => t?.rank === 2 && t.shape[0] === lanes && t.shape[1] === sizes[i]);
  if (!fits) {
    throw new CheckpointError(
      `char-lm: the checkpoint's carried state does not fit this model: expected ${want}, got ${got.join(', ') || 'nothing'}. Resume with the run's own hyper-parameters (batchSize, units, layers, cell).`,
    );
  }
  return ordered as tf.Tensor[];
}

export async function trainCharLm(
  model: CharLm,
  data: CharLmData,
  options: TrainCharLmOptions = {},
): Promise<TrainResult> {
  const hp = model.hyperParameters;
  const windows = lmWindows(data.train, {
    batchSize: hp.batchSize,
    timeSteps: hp.timeSteps,
    vocabSize: model.vocabSize,
  });
  let carry: tf.Tensor2D[] | null = null; // the state the next window starts from
  let inUse: tf.Tensor2D[] | null = null; // the state the current step's tape still reads
  const parallel = await startWorkers(model, data, options); // null: this thread computes the loss

  const trainable: Trainable<TensorBatch> = {
    variables: model.variables,
    loss(batch, ctx) {
      if (inUse) tf.dispose(inUse); // the previous step's backward pass is done
      inUse = carry; // null after resetState(), which train() calls at every epoch start
      const dropoutSeed = ctx.rng.int(2 ** 31);
      // Each lane starts over from zeros with probability stateResetProbability, so the zero
      // state that generation starts from is one the model has learned to read.
      const lanes = batch.ids.shape[0];
      const keep = Float32Array.from({ length: lanes }, () =>
        ctx.rng.next() < hp.stateResetProbability ? 0 : 1,
      );
      const keepMask = tf.tensor2d(keep, [lanes, 1]); // [lanes, 1]: 0 = start this lane from zeros
      const initialState = inUse?.map((s) => tf.mul(s, keepMask) as tf.Tensor2D); // [lanes, units]
      const { logits, state } = model.forward(batch.ids, {
        training: true,
        dropoutSeed,
        ...(initialState ? { initialState } : {}),
      });
      carry = state.map((s) => tf.keep(tf.clone(s))); // constants for the next window: gradients stop here
      return sequenceCrossEntropy(logits, batch.targets, batch.mask);
    },
    resetState() {
      parallel?.resetState();
      if (carry) tf.dispose(carry);
      if (inUse) tf.dispose(inUse);
      carry = null;
      inUse = null;
    },
    saveState() {
      if (parallel) return parallel.saveState();
      return Object.fromEntries((carry ?? []).map((s, i) => [`carry/${i}`, s])); // [lanes, units] each
    },
    restoreState(tensors) {
      if (Object.keys(tensors).length === 0) return; // saved before the first window
      const restored = checkCarry(model, tensors);
      if (parallel) {
        parallel.restoreState(restored);
        return;
      }
      if (carry) tf.dispose(carry);
      carry = restored.map((t) => tf.clone(t) as tf.Tensor2D); // the trainer disposes its copies
    },
    async evaluate({ step }) {
      const m = parallel ? await parallel.evaluate() : await evaluateCharLm(model, data.validation);
      if (options.onSample) {
        const { prime = trainCharLmDefaults.samplePrime, ...rest } = options.sample ?? {};
        const text = await generateText(model, prime, {
          length: 200,
          temperature: 0.8,
          seed: hp.seed,
          ...rest,
        });
        options.onSample({ step, prime, text });
      }
      return { valLoss: m.valLoss, bitsPerChar: m.bitsPerChar };
    },
    countBatch(batch) {
      return { items: batch.ids.shape[0], tokens: batch.ids.shape[0] * batch.ids.shape[1] };
    },
  };

  const steps = options.steps ?? hp.steps;
  const hasStore = options.checkpointDir !== undefined || options.checkpointStore !== undefined;
  try {
    return await train({
      model: trainable,
      data: {
        batchAt: (step) => windows.batchAt(step),
        stepsPerEpoch: windows.stepsPerEpoch,
        dispose: (b) => b.dispose(),
      },
      optimizer: { name: 'adam', learningRate: hp.learningRate, epsilon: hp.adamEpsilon },
      schedule: {
        name: 'warmup-cosine',
        warmupSteps: Math.min(hp.warmupSteps, steps - 1),
        minLearningRate: hp.learningRate / 20,
      },
      steps,
      seed: hp.seed,
      clipNorm: hp.clipNorm,
      evalEvery: options.evalEvery ?? trainCharLmDefaults.evalEvery,
      bestMetric: { metric: 'valLoss', mode: 'min' },
      config: { ...charLmConfig(model), ...(options.extraConfig ?? {}) },
      ...(hasStore
        ? { checkpointEvery: options.checkpointEvery ?? trainCharLmDefaults.checkpointEvery }
        : {}),
      ...(options.checkpointDir !== undefined ? { checkpointDir: options.checkpointDir } : {}),
      ...(options.checkpointStore !== undefined
        ? { checkpointStore: options.checkpointStore }
        : {}),
      ...(options.resume !== undefined ? { resume: options.resume } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(parallel ? { dataParallel: parallel.dataParallel } : {}),
    });
  } finally {
    trainable.resetState?.();
    await parallel?.close();
  }
}
