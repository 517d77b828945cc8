import { DataFormatError, ShapeError } from '@recurrent/errors';
import { createRandom } from '@recurrent/random';
import { describe, expect, it } from 'vitest';
import { auroc } from './auroc.js';

/** O(n^2) definition: P(score+ > score-) + 1/2 P(tie), over all (positive, negative) pairs. */
function pairwise(labels: number[], scores: number[]): number {
  let wins = 0;
  let pairs = 0;
  labels.forEach((yi, i) => {
    if (yi !== 1) return;
    labels.forEach((yj, j) => {
      if (yj !== 0) return;
      pairs++;
      const si = scores[i] as number;
      const sj = scores[j] as number;
      wins += si > sj ? 1 : si === sj ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

describe('auroc', () => {
  it("matches sklearn roc_auc_score's docstring example", () => {
    // y = [0, 0, 1, 1], s = [0.1, 0.4, 0.35, 0.8] -> 0.75. By hand: pairs (pos, neg):
    // 0.35>0.1 win, 0.35<0.4 loss, 0.8>0.1 win, 0.8>0.4 win -> 3/4.
    expect(auroc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
  });

  it('counts ties as 1/2', () => {
    // All tied -> 0.5 (sklearn gives 0.5 too).
    expect(auroc([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
    // Positives 0.9, 0.5, 0.1; negatives 0.9, 0.5. By hand: 0.9 vs (0.9 tie 1/2, 0.5 win 1),
    // 0.5 vs (0.9 loss, 0.5 tie 1/2), 0.1 loses both -> 2 / 6. sklearn: 0.3333.
    expect(auroc([1, 0, 1, 0, 1], [0.9, 0.9, 0.5, 0.5, 0.1])).toBeCloseTo(1 / 3, 15);
  });

  it('equals the pairwise definition on random data with many ties', () => {
    const rng = createRandom(7);
    for (let trial = 0; trial < 20; trial++) {
      const n = 2 + rng.int(60);
      const labels = Array.from({ length: n }, (_, i) => (i < 1 ? 0 : i < 2 ? 1 : rng.int(2)));
      const scores = Array.from({ length: n }, () => rng.int(6) / 5); // few distinct values
      expect(auroc(labels, Float32Array.from(scores))).toBeCloseTo(pairwise(labels, scores), 12);
      // Reversing the scores mirrors the AUROC.
      expect(
        auroc(
          labels,
          scores.map((s) => -s),
        ),
      ).toBeCloseTo(1 - pairwise(labels, scores), 12);
    }
  });

  it('throws on a single class, or returns NaN when asked', () => {
    expect(() => auroc([1, 1, 1], [0.2, 0.3, 0.4])).toThrow(DataFormatError);
    expect(() => auroc([1, 1, 1], [0.2, 0.3, 0.4])).toThrow(
      'auroc: expected both classes in labels, got only positives (1) in 3 examples; the AUROC is undefined.',
    );
    expect(() => auroc([0, 0], [0.2, 0.3])).toThrow('got only negatives (0)');
    expect(auroc([0, 0], [0.2, 0.3], { onSingleClass: 'nan' })).toBeNaN();
  });

  it('rejects mismatched lengths, empty input and labels not 0/1', () => {
    expect(() => auroc([0, 1], [0.1])).toThrow(ShapeError);
    expect(() => auroc([], [])).toThrow('auroc: expected at least one example');
    expect(() => auroc([0, -1], [0.1, 0.2])).toThrow(
      'auroc: expected labels of 0 or 1, got -1 at index 1.',
    );
    expect(() => auroc([0, 1], [0.1, Number.POSITIVE_INFINITY])).toThrow('expected finite scores');
  });
});
