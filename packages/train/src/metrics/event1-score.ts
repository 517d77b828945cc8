/**
 * The PhysioNet/CinC Challenge 2012 Event 1 score for in-hospital death:
 * min(sensitivity, positive predictivity), where an example is predicted to die when
 * `score >= threshold`. Sensitivity (Se) = TP / (TP + FN); positive predictivity (+P) =
 * TP / (TP + FP). A ratio with a zero denominator (no deaths, or no predicted deaths) is
 * 0, so predicting nobody scores 0. Pick the threshold on validation data: the score
 * rewards the point where Se and +P meet.
 *
 * @example
 * event1Score([1, 1, 0, 0, 1], [0.9, 0.3, 0.6, 0.1, 0.7]); // score 2/3: Se = 2/3, +P = 2/3
 */
import {
  type BinaryCounts,
  binaryCounts,
  safeRatio,
  type ThresholdOptions,
} from './precision-recall-f1.js';

export interface Event1Score extends BinaryCounts {
  /** min(sensitivity, positivePredictivity). */
  readonly score: number;
  readonly sensitivity: number;
  readonly positivePredictivity: number;
}

export function event1Score(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  options: ThresholdOptions = {},
): Event1Score {
  const counts = binaryCounts('event1Score', labels, scores, options);
  const { truePositives: tp, falsePositives: fp, falseNegatives: fn } = counts;
  const sensitivity = safeRatio(tp, tp + fn);
  const positivePredictivity = safeRatio(tp, tp + fp);
  return {
    ...counts,
    score: Math.min(sensitivity, positivePredictivity),
    sensitivity,
    positivePredictivity,
  };
}
