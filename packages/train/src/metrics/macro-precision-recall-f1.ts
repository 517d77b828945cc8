/**
 * Multi-class precision, recall and F1 per class, and their unweighted (macro) means, as
 * sklearn's `precision_recall_fscore_support(y_true, y_pred, average='macro',
 * zero_division=0)`. Macro F1 is the mean of the per-class F1 scores (not the F1 of the
 * macro precision and recall). The classes are `0 .. numClasses-1` when `numClasses` is
 * given, else every class id that occurs in labels or predictions (as sklearn does).
 *
 * @example
 * macroPrecisionRecallF1([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1]).f1; // 0.2667 (= 4/15)
 */
import { ConfigError, DataFormatError } from '@recurrent/errors';
import { checkClassIds, checkSameLength } from './check-inputs.js';
import { safeRatio } from './precision-recall-f1.js';

export interface MacroPrecisionRecallF1 {
  /** Macro means over `classes`. */
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** The class ids averaged over, ascending; the per-class arrays follow this order. */
  readonly classes: readonly number[];
  readonly perClassPrecision: readonly number[];
  readonly perClassRecall: readonly number[];
  readonly perClassF1: readonly number[];
  /** How many labels belong to each class. */
  readonly support: readonly number[];
}

export interface MacroOptions {
  /** Average over classes `0 .. numClasses-1`, including classes that never occur. */
  readonly numClasses?: number;
}

export function macroPrecisionRecallF1(
  labels: ArrayLike<number>,
  predictions: ArrayLike<number>,
  options: MacroOptions = {},
): MacroPrecisionRecallF1 {
  const fn = 'macroPrecisionRecallF1';
  checkSameLength(fn, 'labels', labels, 'predictions', predictions);
  checkClassIds(fn, 'labels', labels);
  checkClassIds(fn, 'predictions', predictions);
  let classes: number[];
  if (options.numClasses !== undefined) {
    const n = options.numClasses;
    if (!Number.isInteger(n) || n < 1) {
      throw new ConfigError(`${fn}: expected numClasses to be an integer >= 1, got ${n}.`);
    }
    for (const [name, ids] of [
      ['labels', labels],
      ['predictions', predictions],
    ] as const) {
      for (let i = 0; i < ids.length; i++) {
        if ((ids[i] as number) >= n) {
          throw new DataFormatError(
            `${fn}: expected ${name} below numClasses = ${n}, got ${ids[i]} at index ${i}. ` +
              'Raise numClasses or leave it out to use the classes that occur.',
          );
        }
      }
    }
    classes = Array.from({ length: n }, (_, c) => c);
  } else {
    const seen = new Set<number>();
    for (let i = 0; i < labels.length; i++) {
      seen.add(labels[i] as number);
      seen.add(predictions[i] as number);
    }
    classes = [...seen].sort((a, b) => a - b);
  }
  const index = new Map(classes.map((c, i) => [c, i]));
  const tp = new Array<number>(classes.length).fill(0);
  const predicted = new Array<number>(classes.length).fill(0);
  const support = new Array<number>(classes.length).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const y = index.get(labels[i] as number) as number;
    const p = index.get(predictions[i] as number) as number;
    support[y] = (support[y] as number) + 1;
    predicted[p] = (predicted[p] as number) + 1;
    if (y === p) tp[y] = (tp[y] as number) + 1;
  }
  const perClassPrecision = classes.map((_, c) =>
    safeRatio(tp[c] as number, predicted[c] as number),
  );
  const perClassRecall = classes.map((_, c) => safeRatio(tp[c] as number, support[c] as number));
  // Per-class F1 = 2TP / (2TP + FP + FN) = 2TP / (predicted + support).
  const perClassF1 = classes.map((_, c) =>
    safeRatio(2 * (tp[c] as number), (predicted[c] as number) + (support[c] as number)),
  );
  const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
  return {
    precision: mean(perClassPrecision),
    recall: mean(perClassRecall),
    f1: mean(perClassF1),
    classes,
    perClassPrecision,
    perClassRecall,
    perClassF1,
    support,
  };
}
