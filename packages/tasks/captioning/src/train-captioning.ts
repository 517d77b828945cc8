/**
 * Trains the captioning model on prepared scenes with `@recurrent/train`'s loop: batches as
 * a function of the step, teacher-forced masked cross-entropy, Adam with warmup + cosine
 * decay and clipping, evaluation (greedy BLEU-4 on the validation scenes picks `best/`) and
 * crash-safe checkpoints that resume to the same losses.
 *
 * With `workers: N` (Node) each step's gradients are computed on N worker threads, each with
 * a contiguous block of the batch's images and captions (captioning-workers.ts); this thread
 * makes the batches, combines the gradients, clips, applies Adam and evaluates.
 *
 * @example
 * const result = await trainCaptioning(model, data, { checkpointDir: 'runs/captioning' });
 */
import { ConfigError } from '@recurrent/errors';
import {
  type CheckpointStore,
  type JsonValue,
  type Trainable,
  type TrainProgress,
  type TrainResult,
  train,
  type WorkerSetup,
} from '@recurrent/train';
import { type CaptionBatch, captionBatchAt } from './caption-batches.js';
import { captioningConfig } from './captioning-config.js';
import type { CaptioningWorkers } from './captioning-workers.js';
import type { CaptioningModel } from './create-captioning-model.js';
import { isFrozenEncoder } from './encoders/image-encoder-for.js';
import { scoreSplit } from './evaluate-captioning.js';
import type { CaptioningData } from './prepare-captioning-data.js';

export interface TrainCaptioningOptions {
  /** Evaluate every N steps (and at the end). Default 500. */
  readonly evalEvery?: number;
  readonly checkpointEvery?: number;
  readonly checkpointDir?: string;
  readonly checkpointStore?: CheckpointStore;
  readonly resume?: boolean;
  readonly signal?: AbortSignal;
  readonly steps?: number;
  readonly extraConfig?: Record<string, JsonValue>;
  readonly onProgress?: (event: TrainProgress) => void;
  /**
   * Node: data-parallel worker threads, each with a contiguous block of the batch's images
   * (see captioning-workers.ts); the from-scratch CNN only. Default 1: everything on this thread.
   */
  readonly workers?: number;
  /** Node: the module each worker imports first, to pick its backend (the app's). */
  readonly workerSetup?: WorkerSetup;
}

export const trainCaptioningDefaults = Object.freeze({
  evalEvery: 500, // six BLEU points in a default run; each greedy pass over 600 images takes seconds
  checkpointEvery: 500, // lose at most 500 updates to a crash
  workers: 1, // one thread unless asked: see the README's measurement of --workers 2
});

async function startWorkers(
  model: CaptioningModel,
  options: TrainCaptioningOptions,
): Promise<CaptioningWorkers | null> {
  const workers = options.workers ?? trainCaptioningDefaults.workers;
  const hp = model.hyperParameters;
  if (!(Number.isInteger(workers) && workers >= 1 && workers <= hp.batchSize)) {
    throw new ConfigError(
      `captioning: expected workers to be an integer in [1, ${hp.batchSize}] (each worker needs at least one of the batch's ${hp.batchSize} images), got ${workers}. Pass --workers 2, or a larger --batch-size.`,
    );
  }
  if (workers === 1) return null;
  if (isFrozenEncoder(hp)) {
    throw new ConfigError(
      `captioning: --workers ${workers} spreads the from-scratch CNN's forward and backward passes over threads, but encoder ${JSON.stringify(hp.encoder)} is pretrained and frozen: its features are computed once on this thread (or read from --features) and the workers do not load it, and what is left of a step (the decoder) is small. Train it with --workers 1, or use --encoder scratch with --workers ${workers}.`,
    );
  }
  const { startCaptioningWorkers } = await import('./captioning-workers.js'); // Node only: worker_threads
  return startCaptioningWorkers(model, workers, options.workerSetup ?? null);
}

/** The validation metrics: greedy captions of the validation and held-out scenes. */
export async function captioningMetrics(
  model: CaptioningModel,
  data: CaptioningData,
): Promise<Record<string, number>> {
  const seen = await scoreSplit(model, data.validation, { beamWidth: 1 });
  const unseen = await scoreSplit(model, data.heldOut, { beamWidth: 1 });
  return {
    bleu4: seen.bleu.bleu4,
    bleu1: seen.bleu.bleu1,
    allRight: seen.attributes.all,
    heldOutBleu4: unseen.bleu.bleu4,
    heldOutAllRight: unseen.attributes.all,
  };
}

export async function trainCaptioning(
  model: CaptioningModel,
  data: CaptioningData,
  options: TrainCaptioningOptions = {},
): Promise<TrainResult> {
  const hp = model.hyperParameters;
  const steps = options.steps ?? hp.steps;
  await model.encoder.ready?.(); // a pretrained encoder rebuilt from a checkpoint loads here
  const trainable: Trainable<CaptionBatch> = {
    variables: model.variables,
    loss: (b) => model.loss(b.images, b.inputs, b.targets, b.mask),
    evaluate: () => captioningMetrics(model, data),
    countBatch: (b) => ({ items: b.rows, tokens: b.words }),
  };
  const hasStore = options.checkpointDir !== undefined || options.checkpointStore !== undefined;
  const parallel = await startWorkers(model, options); // null: this thread computes the loss
  try {
    return await train({
      model: trainable,
      data: {
        batchAt: (step) => captionBatchAt(data, step, hp.batchSize, hp.seed, hp.wordDropout),
        stepsPerEpoch: Math.max(1, Math.floor(data.train.length / hp.batchSize)),
        dispose: (b) => b.dispose(),
      },
      optimizer: { name: 'adam', learningRate: hp.learningRate },
      schedule: {
        name: 'warmup-cosine',
        warmupSteps: Math.min(hp.warmupSteps, steps - 1),
        minLearningRate: hp.learningRate / 20,
      },
      steps,
      seed: hp.seed,
      clipNorm: hp.clipNorm,
      evalEvery: options.evalEvery ?? trainCaptioningDefaults.evalEvery,
      bestMetric: { metric: 'bleu4', mode: 'max' },
      config: { ...captioningConfig(model), ...(options.extraConfig ?? {}) },
      ...(hasStore
        ? { checkpointEvery: options.checkpointEvery ?? trainCaptioningDefaults.checkpointEvery }
        : {}),
      ...(options.checkpointDir !== undefined ? { checkpointDir: options.checkpointDir } : {}),
      ...(options.checkpointStore ? { checkpointStore: options.checkpointStore } : {}),
      ...(options.resume !== undefined ? { resume: options.resume } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(parallel ? { dataParallel: parallel.dataParallel } : {}),
    });
  } finally {
    await parallel?.close();
  }
}
