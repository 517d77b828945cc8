/**
 * The challenge's metrics for a set of risks: AUROC, AUPRC, Event-1 (min(Se, +P)) at a
 * threshold chosen elsewhere (on validation) and Hosmer-Lemeshow calibration. The
 * threshold that maximises Event-1 on validation comes from `bestEvent1Threshold`, and is
 * applied unchanged to test, as the challenge's protocol asks.
 *
 * @example
 * const threshold = bestEvent1Threshold(valLabels, valRisks);
 * const test = scoreRisks(testLabels, testRisks, threshold); // { auroc, auprc, event1, ... }
 */
import { auprc, auroc, event1Score } from '@recurrent/train';
import { type HosmerLemeshow, hosmerLemeshow } from './hosmer-lemeshow.js';

export interface RiskScores {
  readonly auroc: number;
  readonly auprc: number;
  /** min(sensitivity, positive predictivity) at `threshold`. */
  readonly event1: number;
  readonly sensitivity: number;
  readonly positivePredictivity: number;
  readonly threshold: number;
  readonly calibration: HosmerLemeshow;
  readonly count: number;
  readonly deaths: number;
}

/** The risk threshold with the highest Event-1 score (ties: the lowest threshold). */
export function bestEvent1Threshold(labels: ArrayLike<number>, risks: ArrayLike<number>): number {
  const order = Array.from({ length: labels.length }, (_, i) => i).sort(
    (a, b) => risks[b]! - risks[a]!,
  );
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i]!;
  let tp = 0;
  let best = -1;
  let threshold = 0.5;
  for (let k = 0; k < order.length; k++) {
    tp += labels[order[k]!]!;
    const value = risks[order[k]!]!;
    if (k + 1 < order.length && risks[order[k + 1]!] === value) continue; // ties enter together
    const score = Math.min(positives ? tp / positives : 0, tp / (k + 1));
    if (score > best) {
      best = score;
      threshold = value;
    }
  }
  return threshold;
}

export function scoreRisks(
  labels: ArrayLike<number>,
  risks: ArrayLike<number>,
  threshold: number,
): RiskScores {
  const e1 = event1Score(labels, risks, { threshold });
  let deaths = 0;
  for (let i = 0; i < labels.length; i++) deaths += labels[i]!;
  return {
    auroc: auroc(labels, risks, { onSingleClass: 'nan' }),
    auprc: auprc(labels, risks, { onSingleClass: 'nan' }),
    event1: e1.score,
    sensitivity: e1.sensitivity,
    positivePredictivity: e1.positivePredictivity,
    threshold,
    calibration: hosmerLemeshow(labels, risks, {
      groups: Math.min(10, Math.max(3, Math.floor(labels.length / 5))),
    }),
    count: labels.length,
    deaths,
  };
}
