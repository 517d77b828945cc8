/**
 * Input checks shared by the metrics (internal): equal non-zero lengths, 0/1 labels,
 * finite scores. Every metric takes plain arrays or typed arrays (`ArrayLike<number>`).
 */
import { DataFormatError, ShapeError } from '@recurrent/errors';

/** Throws unless `a` and `b` have the same, non-zero length. */
export function checkSameLength(
  fn: string,
  aName: string,
  a: ArrayLike<number>,
  bName: string,
  b: ArrayLike<number>,
): void {
  if (a.length !== b.length) {
    throw new ShapeError(
      `${fn}: expected ${aName} and ${bName} of the same length, got ${a.length} and ${b.length}. ` +
        'Pass one entry per example in both.',
    );
  }
  if (a.length === 0) {
    throw new DataFormatError(
      `${fn}: expected at least one example, got empty ${aName} and ${bName}. ` +
        'A metric over no examples is undefined: evaluate on a non-empty set.',
    );
  }
}

/** Throws unless every label is exactly 0 or 1. */
export function checkBinaryLabels(fn: string, labels: ArrayLike<number>): void {
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (y !== 0 && y !== 1) {
      throw new DataFormatError(
        `${fn}: expected labels of 0 or 1, got ${y} at index ${i}. ` +
          'Map the positive class to 1 and every other class to 0 first.',
      );
    }
  }
}

/** Throws unless every score is a finite number (no NaN, no Infinity). */
export function checkFiniteScores(fn: string, scores: ArrayLike<number>): void {
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i] as number;
    if (!Number.isFinite(s)) {
      throw new DataFormatError(
        `${fn}: expected finite scores, got ${s} at index ${i}. ` +
          'Check the model output for NaN (a diverged model) before computing metrics.',
      );
    }
  }
}

/** Throws unless every class id is an integer >= 0. */
export function checkClassIds(fn: string, name: string, ids: ArrayLike<number>): void {
  for (let i = 0; i < ids.length; i++) {
    const c = ids[i] as number;
    if (!Number.isInteger(c) || c < 0) {
      throw new DataFormatError(
        `${fn}: expected ${name} to be class ids (integers >= 0), got ${c} at index ${i}. ` +
          'Take the argmax of the scores to get class ids.',
      );
    }
  }
}

/** The checks every binary metric runs: lengths, 0/1 labels, finite scores. */
export function checkBinaryInputs(
  fn: string,
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
): void {
  checkSameLength(fn, 'labels', labels, 'scores', scores);
  checkBinaryLabels(fn, labels);
  checkFiniteScores(fn, scores);
}
