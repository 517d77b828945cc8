/**
 * Trains the captioning model on prepared scenes with `@recurrent/train`'s loop: batches as
 * a function of the step, teacher-forced masked cross-entropy, Adam with warmup + cosine
 * decay and clipping, evaluation (greedy BLEU-4 on the validation scenes picks `best/`) and
 * crash-safe checkpoints that resume to the same losses.
 *
 * @example
 * const result = await trainCaptioning(model, data, { checkpointDir: 'runs/captioning' });
 */
import {
  type CheckpointStore,
  type JsonValue,
  type Trainable,
  type TrainProgress,
  type TrainResult,
  train,
} from '@recurrent/train';
import { type CaptionBatch, captionBatchAt } from './caption-batches.js';
import { captioningConfig } from './captioning-config.js';
import type { CaptioningModel } from './create-captioning-model.js';
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
}

export const trainCaptioningDefaults = Object.freeze({
  evalEvery: 500, // six BLEU points in a default run; each greedy pass over 600 images takes seconds
  checkpointEvery: 500, // lose at most 500 updates to a crash
});

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
  return train({
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
  });
}
