/**
 * Area under the precision-recall curve as average precision, exactly as sklearn's
 * `average_precision_score`: AP = sum over distinct thresholds t (descending) of
 * (R(t) - R(previous t)) * P(t). Tied scores form one threshold (they enter together), so
 * the result does not depend on the order of tied examples. It is a step sum, not the
 * trapezoidal area (which is optimistic for PR curves).
 *
 * AP needs at least one positive label; with none it is undefined and throws a
 * `DataFormatError` (or returns NaN with `{ onSingleClass: 'nan' }`). With only positives it
 * is 1. The chance level is the positive rate (about 0.14 for ICU mortality).
 *
 * @example
 * auprc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.8333 (sklearn's docstring example)
 */
import { DataFormatError } from '@recurrent/errors';
import { argsortAscending, type SingleClassOptions, singleClassDefaults } from './auroc.js';
import { checkBinaryInputs } from './check-inputs.js';

export function auprc(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  options: SingleClassOptions = {},
): number {
  checkBinaryInputs('auprc', labels, scores);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i] as number;
  if (positives === 0) {
    if ((options.onSingleClass ?? singleClassDefaults.onSingleClass) === 'nan') return Number.NaN;
    throw new DataFormatError(
      `auprc: expected at least one positive label (1), got none in ${labels.length} examples; ` +
        "average precision is undefined. Evaluate on a set with positives, or pass { onSingleClass: 'nan' }.",
    );
  }
  const order = argsortAscending(scores);
  let truePositives = 0;
  let seen = 0;
  let previousRecall = 0;
  let ap = 0;
  // Walk from the highest score down; each group of tied scores is one threshold.
  for (let end = order.length; end > 0; ) {
    const value = scores[order[end - 1] as number] as number;
    let start = end - 1;
    while (start > 0 && scores[order[start - 1] as number] === value) start--;
    for (let k = start; k < end; k++) truePositives += labels[order[k] as number] as number;
    seen += end - start;
    const recall = truePositives / positives;
    ap += (recall - previousRecall) * (truePositives / seen);
    previousRecall = recall;
    end = start;
  }
  return ap;
}
