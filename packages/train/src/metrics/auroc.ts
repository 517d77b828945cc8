/**
 * Area under the ROC curve, exact and tie-aware: the Mann-Whitney U statistic divided by
 * (positives x negatives), i.e. the probability that a random positive scores above a
 * random negative, with a tie counted as 1/2. Equal to sklearn's `roc_auc_score` (the
 * trapezoidal area, which gives tied scores the same 1/2). O(n log n): average ranks.
 *
 * With only one class present the AUROC is undefined. By default it throws a
 * `DataFormatError` that says so (as sklearn does); pass `{ onSingleClass: 'nan' }` to get
 * `NaN` instead, e.g. for small validation batches where you aggregate later.
 *
 * @example
 * auroc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.75 (sklearn's docstring example)
 */
import { DataFormatError } from '@recurrent/errors';
import { checkBinaryInputs } from './check-inputs.js';

export interface SingleClassOptions {
  /** What to do when the labels hold one class only: throw (default) or return NaN. */
  readonly onSingleClass?: 'throw' | 'nan';
}

export const singleClassDefaults = Object.freeze({
  onSingleClass: 'throw' as const, // an undefined metric should be loud, as in sklearn
});

/** Indices of `scores` sorted ascending by score (stable). */
export function argsortAscending(scores: ArrayLike<number>): Int32Array {
  const order = Int32Array.from({ length: scores.length }, (_, i) => i);
  order.sort((a, b) => (scores[a] as number) - (scores[b] as number) || a - b);
  return order;
}

export function auroc(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  options: SingleClassOptions = {},
): number {
  checkBinaryInputs('auroc', labels, scores);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i] as number;
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) {
    if ((options.onSingleClass ?? singleClassDefaults.onSingleClass) === 'nan') return Number.NaN;
    throw new DataFormatError(
      `auroc: expected both classes in labels, got only ${positives === 0 ? 'negatives (0)' : 'positives (1)'} ` +
        `in ${labels.length} examples; the AUROC is undefined. Evaluate on a set with both classes, ` +
        "or pass { onSingleClass: 'nan' } to get NaN.",
    );
  }
  const order = argsortAscending(scores);
  // Sum of the (1-based, tie-averaged) ranks of the positives.
  let positiveRankSum = 0;
  for (let start = 0; start < order.length; ) {
    const value = scores[order[start] as number] as number;
    let end = start + 1;
    while (end < order.length && scores[order[end] as number] === value) end++;
    const averageRank = (start + 1 + end) / 2; // ranks start+1 .. end share their mean
    for (let k = start; k < end; k++) {
      if (labels[order[k] as number] === 1) positiveRankSum += averageRank;
    }
    start = end;
  }
  const u = positiveRankSum - (positives * (positives + 1)) / 2;
  return u / (positives * negatives);
}
