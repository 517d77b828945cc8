/**
 * Trains one fold with `@recurrent/train`: class-weighted binary cross-entropy on the final
 * risk plus, weighted by `hourlyLossWeight`, on every real hour's risk (target replication,
 * masked), Adam with warmup + cosine decay and clipping. Every `evalEvery` steps the
 * validation slice is scored; the weights of the best validation AUROC are kept in memory
 * and put back at the end. The Event-1 threshold is chosen on the validation slice and
 * applied unchanged to the fold's test part.
 *
 * With `workers: N` (Node) each step's gradients are computed on N worker threads, each with
 * a contiguous block of the batch's stays; this thread combines them, clips and applies Adam
 * (clinical-workers.ts). A pool lives for one fold (each fold's model has its own weights
 * and class weight). Evaluation stays on this thread: scoring a fold's ~240-stay validation
 * slice took 0.2 s against ~80 ms per training step (default preset), about 2% of a default
 * fold (5 evaluations in 500 steps), so splitting it would save 1% at best.
 *
 * @example
 * const model = createFoldModel(data, 0);
 * const outcome = await trainFold(model, data, 0, { onProgress: (event) => events.push(event) });
 * outcome.test.auroc; outcome.test.event1;
 */
import { ConfigError } from '@recurrent/errors';
import {
  binaryCrossEntropy,
  type CheckpointStore,
  type JsonValue,
  type Trainable,
  type TrainProgress,
  type TrainResult,
  train,
  type WorkerSetup,
} from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { clinicalBatches, predictRisks } from './clinical-batches.js';
import type { ClinicalWorkers } from './clinical-workers.js';
import {
  type ClinicalBatch,
  type ClinicalModel,
  createClinicalModel,
} from './create-clinical-model.js';
import { fitNormalizer } from './normalizer.js';
import type { ClinicalData } from './prepare-clinical-data.js';
import { bestEvent1Threshold, type RiskScores, scoreRisks } from './score-risks.js';

export interface TrainFoldOptions {
  readonly checkpointDir?: string;
  readonly checkpointStore?: CheckpointStore;
  readonly resume?: boolean;
  readonly checkpointEvery?: number;
  /** Score the validation slice every N steps (the best step's weights are kept). */
  readonly evalEvery?: number;
  readonly steps?: number;
  readonly signal?: AbortSignal;
  readonly config?: Record<string, JsonValue>;
  readonly onProgress?: (event: TrainProgress) => void;
  /**
   * Node: data-parallel worker threads, each with a contiguous block of every batch's stays
   * (see clinical-workers.ts). Default 1: everything on this thread.
   */
  readonly workers?: number;
  /** Node: the module each worker imports first, to pick its backend (the app's). */
  readonly workerSetup?: WorkerSetup;
}

export interface FoldOutcome {
  readonly fold: number;
  readonly result: TrainResult;
  /** The step whose weights were kept (best validation AUROC). */
  readonly bestStep: number;
  readonly validation: RiskScores;
  readonly test: RiskScores;
  readonly testIndices: Int32Array;
  readonly testRisks: Float64Array;
}

export const trainFoldDefaults = Object.freeze({
  evalEvery: 100, // as the trainer's --eval-every: 5 validations in the default 500 steps
  workers: 1, // one thread unless asked: see the README's measurement of --workers 2
});

/** The whole batch a shard belongs to: its stays and its real hours. */
export interface WholeBatch {
  readonly rows: number;
  readonly hours: number;
}

/** Negatives per positive among `indices`: the weight that balances the classes. */
export function balancedPositiveWeight(labels: Uint8Array, indices: Int32Array): number {
  let positives = 0;
  for (const i of indices) positives += labels[i]!;
  return positives === 0 ? 1 : (indices.length - positives) / positives;
}

/** A fresh model for fold `f`: its normaliser is fitted on that fold's training part only. */
export function createFoldModel(data: ClinicalData, f: number): ClinicalModel {
  const hp = data.hyperParameters;
  const { train: part } = data.split(f);
  return createClinicalModel({
    hyperParameters: hp,
    normalizer: fitNormalizer(data.grids, data.set.stays, part),
    positiveWeight:
      hp.positiveWeight > 0 ? hp.positiveWeight : balancedPositiveWeight(data.set.labels, part),
  });
}

/**
 * The scalar loss of one batch: the mean over stays of the final risk's loss plus
 * `hourlyLossWeight` times the mean over real hours of the hourly risks' loss.
 *
 * With `whole` the batch is a data-parallel shard of `whole` (a contiguous block of its
 * stays): the two sums of the shard are divided by the whole batch's stays and hours and
 * scaled to a per-stay mean of the shard, so the shards' losses weighted by their stays
 * average to the whole batch's loss (and their gradients to its gradient).
 */
export function clinicalLoss(
  model: ClinicalModel,
  batch: ClinicalBatch,
  whole?: WholeBatch,
): tf.Scalar {
  return tf.tidy(() => {
    const { hourly, final } = model.forward(batch); // [batch, time], [batch]
    const posWeight = model.positiveWeight;
    const lambda = model.hyperParameters.hourlyLossWeight;
    const [rows, time] = batch.mask.shape;
    const y = () => tf.tile(tf.expandDims(batch.labels, 1), [1, time]); // [batch, time]
    if (!whole) {
      const last = binaryCrossEntropy(final, batch.labels, { posWeight });
      if (lambda === 0) return last;
      const each = binaryCrossEntropy(hourly, y(), { posWeight, mask: batch.mask });
      return tf.add(last, tf.mul(each, lambda)) as tf.Scalar;
    }
    const last = binaryCrossEntropy(final, batch.labels, { posWeight, reduction: 'sum' }); // []
    const shardLast = tf.div(last, rows); // the shard's per-stay mean
    if (lambda === 0) return shardLast as tf.Scalar;
    const each = binaryCrossEntropy(hourly, y(), { posWeight, mask: batch.mask, reduction: 'sum' });
    // λ · (sum over the shard's hours / the batch's hours) · (batch stays / shard stays)
    const perStay = (lambda * whole.rows) / (Math.max(whole.hours, 1) * rows);
    return tf.add(shardLast, tf.mul(each, perStay)) as tf.Scalar;
  });
}

async function startWorkers(
  model: ClinicalModel,
  rows: number,
  options: TrainFoldOptions,
): Promise<ClinicalWorkers | null> {
  const workers = options.workers ?? trainFoldDefaults.workers;
  if (!(Number.isInteger(workers) && workers >= 1 && workers <= rows)) {
    throw new ConfigError(
      `clinical: expected workers to be an integer in [1, ${rows}] (each worker needs at least one of the batch's ${rows} stays), got ${workers}. Pass --workers 2, or a larger --batch-size.`,
    );
  }
  if (workers === 1) return null;
  const { startClinicalWorkers } = await import('./clinical-workers.js'); // Node only: worker_threads
  return startClinicalWorkers(model, workers, options.workerSetup ?? null);
}

export async function trainFold(
  model: ClinicalModel,
  data: ClinicalData,
  f: number,
  options: TrainFoldOptions = {},
): Promise<FoldOutcome> {
  const hp = model.hyperParameters;
  const split = data.split(f);
  const { grids, set } = data;
  const score = async (indices: Int32Array) => {
    const risks = (await predictRisks(model, { grids, stays: set.stays, indices })).final;
    const labels = Uint8Array.from(indices, (i) => set.labels[i]!);
    return { labels, risks };
  };
  let best: { step: number; auroc: number; weights: tf.Tensor[] } | null = null;
  const trainable: Trainable<ClinicalBatch> = {
    variables: model.variables,
    loss: (batch) => clinicalLoss(model, batch),
    async evaluate({ step }) {
      const { labels, risks } = await score(split.validation);
      const s = scoreRisks(labels, risks, bestEvent1Threshold(labels, risks));
      if (!best || s.auroc > best.auroc) {
        if (best) tf.dispose(best.weights);
        best = { step, auroc: s.auroc, weights: model.variables.map((v) => tf.clone(v.variable)) };
      }
      return { auroc: s.auroc, auprc: s.auprc, event1: s.event1 };
    },
    countBatch: (batch) => ({ items: batch.labels.shape[0] }),
  };
  const batches = clinicalBatches(
    { grids, stays: set.stays, labels: set.labels, indices: split.train },
    model.normalizer,
    hp,
  );
  const steps = options.steps ?? hp.steps;
  const hasStore = options.checkpointDir !== undefined || options.checkpointStore !== undefined;
  const rows = Math.min(hp.batchSize, split.train.length); // as clinicalBatches cuts them
  const parallel = await startWorkers(model, rows, options); // null: this thread computes the loss
  let result: TrainResult;
  try {
    result = await train({
      model: trainable,
      data: batches,
      optimizer: { name: 'adam', learningRate: hp.learningRate, epsilon: hp.adamEpsilon },
      schedule: {
        name: 'warmup-cosine',
        warmupSteps: Math.min(hp.warmupSteps, steps - 1),
        minLearningRate: hp.learningRate / 20,
      },
      steps,
      seed: hp.seed + f,
      clipNorm: hp.clipNorm,
      evalEvery: Math.min(options.evalEvery ?? trainFoldDefaults.evalEvery, steps),
      bestMetric: { metric: 'auroc', mode: 'max' },
      ...(options.config ? { config: options.config } : {}),
      ...(hasStore && options.checkpointEvery ? { checkpointEvery: options.checkpointEvery } : {}),
      ...(options.checkpointDir !== undefined ? { checkpointDir: options.checkpointDir } : {}),
      ...(options.checkpointStore ? { checkpointStore: options.checkpointStore } : {}),
      ...(options.resume !== undefined ? { resume: options.resume } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(parallel ? { dataParallel: parallel.dataParallel } : {}),
    });
  } catch (error) {
    if (best) tf.dispose((best as { weights: tf.Tensor[] }).weights);
    throw error;
  } finally {
    await parallel?.close();
  }
  const kept = best as { step: number; weights: tf.Tensor[] } | null;
  if (kept) {
    model.variables.forEach((v, i) => {
      v.variable.assign(kept.weights[i]!);
    });
    tf.dispose(kept.weights);
  }
  const val = await score(split.validation);
  const threshold = bestEvent1Threshold(val.labels, val.risks);
  const test = await score(split.test);
  return {
    fold: f,
    result,
    bestStep: kept?.step ?? result.step,
    validation: scoreRisks(val.labels, val.risks, threshold),
    test: scoreRisks(test.labels, test.risks, threshold),
    testIndices: split.test,
    testRisks: test.risks,
  };
}
