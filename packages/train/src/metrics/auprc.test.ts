import { DataFormatError, ShapeError } from '@recurrent/errors';
import { createRandom } from '@recurrent/random';
import { describe, expect, it } from 'vitest';
import { auprc } from './auprc.js';

/** Definition, O(n^2): for each distinct threshold t, P(t) and R(t) of {score >= t}; AP = sum dR * P. */
function byDefinition(labels: number[], scores: number[]): number {
  const thresholds = [...new Set(scores)].sort((a, b) => b - a);
  const positives = labels.reduce((s, y) => s + y, 0);
  let previousRecall = 0;
  let ap = 0;
  for (const t of thresholds) {
    let tp = 0;
    let predicted = 0;
    scores.forEach((s, i) => {
      if (s >= t) {
        predicted++;
        tp += labels[i] as number;
      }
    });
    const recall = tp / positives;
    ap += (recall - previousRecall) * (tp / predicted);
    previousRecall = recall;
  }
  return ap;
}

describe('auprc (average precision)', () => {
  it("matches sklearn average_precision_score's docstring example", () => {
    // y = [0, 0, 1, 1], s = [0.1, 0.4, 0.35, 0.8] -> 0.8333. By hand, thresholds descending:
    // 0.8: P 1, R 1/2 (+1/2); 0.4: P 1/2, R 1/2 (+0); 0.35: P 2/3, R 1 (+1/3); 0.1: R stays 1.
    expect(auprc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(5 / 6, 15);
  });

  it('groups tied scores into one threshold', () => {
    // All tied: one threshold, P = 1/2, R = 1 -> 0.5 (sklearn: 0.5), whatever the order.
    expect(auprc([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
    expect(auprc([1, 1, 0, 0], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
    // y = [1, 0, 1, 0, 1], s = [0.9, 0.9, 0.5, 0.5, 0.1]. By hand:
    // 0.9: TP 1 of 2, R 1/3 (+1/3 * 1/2); 0.5: TP 2 of 4, R 2/3 (+1/3 * 1/2);
    // 0.1: TP 3 of 5, R 1 (+1/3 * 3/5) -> 1/6 + 1/6 + 1/5 = 0.5333. sklearn: 0.5333.
    expect(auprc([1, 0, 1, 0, 1], [0.9, 0.9, 0.5, 0.5, 0.1])).toBeCloseTo(1 / 3 + 1 / 5, 15);
  });

  it('equals the definition on random data with ties, and is 1 with only positives', () => {
    const rng = createRandom(11);
    for (let trial = 0; trial < 20; trial++) {
      const n = 1 + rng.int(60);
      const labels = Array.from({ length: n }, (_, i) => (i === 0 ? 1 : rng.int(2)));
      const scores = Array.from({ length: n }, () => rng.int(7) / 6);
      expect(auprc(labels, scores)).toBeCloseTo(byDefinition(labels, scores), 12);
    }
    expect(auprc([1, 1], [0.3, 0.9])).toBe(1);
  });

  it('throws without positives, or returns NaN when asked; rejects bad input', () => {
    expect(() => auprc([0, 0], [0.1, 0.2])).toThrow(DataFormatError);
    expect(() => auprc([0, 0], [0.1, 0.2])).toThrow(
      'auprc: expected at least one positive label (1), got none in 2 examples',
    );
    expect(auprc([0, 0], [0.1, 0.2], { onSingleClass: 'nan' })).toBeNaN();
    expect(() => auprc([0, 1, 1], [0.1, 0.2])).toThrow(ShapeError);
    expect(() => auprc([0, 0.5], [0.1, 0.2])).toThrow(
      'expected labels of 0 or 1, got 0.5 at index 1',
    );
  });
});
