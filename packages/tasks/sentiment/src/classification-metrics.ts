/**
 * Accuracy, macro-F1, AUROC (two classes; one-vs-rest macro mean for more), log-loss and
 * the confusion matrix of scored sentences, from `@recurrent/train`'s metrics.
 */
import { accuracy, auroc, macroPrecisionRecallF1 } from '@recurrent/train';
import type { Scores } from './score-sentences.js';

export interface ClassificationMetrics {
  readonly accuracy: number;
  readonly macroF1: number;
  /** NaN when the labels hold one class only. */
  readonly auroc: number;
  /** Mean negative log-probability of the true class (nats). */
  readonly loss: number;
  /** `confusion[label][prediction]` counts. */
  readonly confusion: number[][];
  readonly count: number;
}

/**
 * @example
 * classificationMetrics(data.test.labels, await scoreSentences(model, data.test.sequences, 64));
 */
export function classificationMetrics(labels: Int32Array, scores: Scores): ClassificationMetrics {
  const { classes, probabilities, predictions } = scores;
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  let loss = 0;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!;
    confusion[y]![predictions[i]!]!++;
    loss -= Math.log(Math.max(probabilities[i * classes + y]!, 1e-12));
  }
  const aurocs: number[] = [];
  for (let c = classes === 2 ? 1 : 0; c < classes; c++) {
    const isC = Int32Array.from(labels, (y) => +(y === c));
    const score = Float32Array.from(labels, (_, i) => probabilities[i * classes + c]!);
    aurocs.push(auroc(isC, score, { onSingleClass: 'nan' }));
  }
  return {
    accuracy: labels.length === 0 ? Number.NaN : accuracy(labels, predictions),
    macroF1:
      labels.length === 0
        ? Number.NaN
        : macroPrecisionRecallF1(labels, predictions, { numClasses: classes }).f1,
    auroc: aurocs.reduce((a, b) => a + b, 0) / aurocs.length,
    loss: loss / Math.max(1, labels.length),
    confusion,
    count: labels.length,
  };
}

/** `negative  positive` table rows: `true negative | 140  10`. */
export function formatConfusion(confusion: number[][], labels: readonly string[]): string[] {
  const width = Math.max(
    9,
    ...labels.map((l) => l.length + 1),
    ...confusion.flat().map((n) => String(n).length + 1),
  );
  const head = `${'true \\ predicted'.padEnd(18)}${labels.map((l) => l.padStart(width)).join('')}`;
  return [
    head,
    ...confusion.map(
      (row, i) =>
        `${(labels[i] ?? String(i)).padEnd(18)}${row.map((n) => String(n).padStart(width)).join('')}`,
    ),
  ];
}
