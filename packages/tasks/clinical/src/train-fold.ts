/**
 * Trains one fold with `@recurrent/train`: class-weighted binary cross-entropy on the final
 * risk plus, weighted by `hourlyLossWeight`, on every real hour's risk (target replication,
 * masked), Adam with warmup + cosine decay and clipping. Every `evalEvery` steps the
 * validation slice is scored; the weights of the best validation AUROC are kept in memory
 * and put back at the end. The Event-1 threshold is chosen on the validation slice and
 * applied unchanged to the fold's test part.
 *
 * @example
 * const model = createFoldModel(data, 0);
 * const outcome = await trainFold(model, data, 0, { onProgress: (event) => events.push(event) });
 * outcome.test.auroc; outcome.test.event1;
 */
import {
  binaryCrossEntropy,
  type CheckpointStore,
  type JsonValue,
  type Trainable,
  type TrainProgress,
  type TrainResult,
  train,
} from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { clinicalBatches, predictRisks } from './clinical-batches.js';
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
});

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

/** The scalar loss of one batch. */
export function clinicalLoss(model: ClinicalModel, batch: ClinicalBatch): tf.Scalar {
  return tf.tidy(() => {
    const { hourly, final } = model.forward(batch); // [batch, time], [batch]
    const posWeight = model.positiveWeight;
    const last = binaryCrossEntropy(final, batch.labels, { posWeight });
    const lambda = model.hyperParameters.hourlyLossWeight;
    if (lambda === 0) return last;
    const [, time] = batch.mask.shape;
    const y = tf.tile(tf.expandDims(batch.labels, 1), [1, time]); // [batch, time]
    const each = binaryCrossEntropy(hourly, y, { posWeight, mask: batch.mask });
    return tf.add(last, tf.mul(each, lambda)) as tf.Scalar;
  });
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
    });
  } catch (error) {
    if (best) tf.dispose((best as { weights: tf.Tensor[] }).weights);
    throw error;
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
