/**
 * Binary precision, recall and F1 at a threshold: an example is predicted positive when
 * `score >= threshold` (so 0/1 predictions work with the default 0.5). Like sklearn with
 * `zero_division=0`: a ratio whose denominator is 0 (no predicted positives, or no real
 * positives) is reported as 0.
 *
 * @example
 * precisionRecallF1([0, 1, 1, 0, 1], [0.2, 0.9, 0.4, 0.6, 0.8]);
 * // { precision: 2/3, recall: 2/3, f1: 2/3, truePositives: 2, falsePositives: 1, ... }
 */
import { ConfigError } from '@recurrent/errors';
import { checkBinaryInputs } from './check-inputs.js';

export interface BinaryCounts {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly trueNegatives: number;
}

export interface PrecisionRecallF1 extends BinaryCounts {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface ThresholdOptions {
  /** Predicted positive when `score >= threshold`. */
  readonly threshold?: number;
}

export const thresholdDefaults = Object.freeze({
  threshold: 0.5, // probabilities: positive when p >= 0.5; 0/1 predictions pass through unchanged
});

/** `a / b`, or 0 when `b` is 0 (sklearn's zero_division=0). */
export function safeRatio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

/** Confusion counts of binary labels against `score >= threshold`. */
export function binaryCounts(
  fn: string,
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  options: ThresholdOptions = {},
): BinaryCounts {
  const threshold = options.threshold ?? thresholdDefaults.threshold;
  if (!Number.isFinite(threshold)) {
    throw new ConfigError(`${fn}: expected a finite threshold, got ${threshold}. Try 0.5.`);
  }
  checkBinaryInputs(fn, labels, scores);
  let tp = 0;
  let fp = 0;
  let fn_ = 0;
  let tn = 0;
  for (let i = 0; i < labels.length; i++) {
    const predicted = (scores[i] as number) >= threshold;
    if (labels[i] === 1) {
      if (predicted) tp++;
      else fn_++;
    } else if (predicted) fp++;
    else tn++;
  }
  return { truePositives: tp, falsePositives: fp, falseNegatives: fn_, trueNegatives: tn };
}

export function precisionRecallF1(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  options: ThresholdOptions = {},
): PrecisionRecallF1 {
  const counts = binaryCounts('precisionRecallF1', labels, scores, options);
  const { truePositives: tp, falsePositives: fp, falseNegatives: fn } = counts;
  const precision = safeRatio(tp, tp + fp);
  const recall = safeRatio(tp, tp + fn);
  // F1 = 2TP / (2TP + FP + FN): the same as 2PR/(P+R), and 0 (not NaN) when TP = 0.
  const f1 = safeRatio(2 * tp, 2 * tp + fp + fn);
  return { ...counts, precision, recall, f1 };
}
