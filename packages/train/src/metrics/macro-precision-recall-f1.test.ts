import { DataFormatError, ShapeError } from '@recurrent/errors';
import { describe, expect, it } from 'vitest';
import { macroPrecisionRecallF1 } from './macro-precision-recall-f1.js';

describe('macroPrecisionRecallF1', () => {
  it("matches sklearn's docstring example (average='macro')", () => {
    // y_true = [0, 1, 2, 0, 1, 2], y_pred = [0, 2, 1, 0, 0, 1]. By hand:
    // class 0: TP 2, predicted 3, support 2 -> P 2/3, R 1, F1 0.8; classes 1, 2: TP 0 -> 0.
    // sklearn: precision 0.2222, recall 0.3333, f1_score 0.2666 (= 0.8 / 3).
    const r = macroPrecisionRecallF1([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1]);
    expect(r.classes).toEqual([0, 1, 2]);
    expect(r.precision).toBeCloseTo(2 / 9, 15);
    expect(r.recall).toBeCloseTo(1 / 3, 15);
    expect(r.f1).toBeCloseTo(0.8 / 3, 15);
    expect(r.perClassF1[0]).toBeCloseTo(0.8, 15);
    expect(r.support).toEqual([2, 2, 2]);
  });

  it('macro F1 is the mean of per-class F1, not F1 of the means', () => {
    // class 0: TP 3 of 3 predicted, support 4 -> P 1, R 3/4, F1 6/7;
    // class 1: TP 1, predicted 2, support 1 -> P 1/2, R 1, F1 2/3.
    const r = macroPrecisionRecallF1([0, 0, 0, 0, 1], [0, 0, 0, 1, 1]);
    expect(r.f1).toBeCloseTo((6 / 7 + 2 / 3) / 2, 15);
    const fOfMeans = (2 * r.precision * r.recall) / (r.precision + r.recall);
    expect(Math.abs(r.f1 - fOfMeans)).toBeGreaterThan(1e-3);
  });

  it('with numClasses, counts classes that never occur as 0', () => {
    const r = macroPrecisionRecallF1([0, 1], [0, 1], { numClasses: 4 });
    expect(r.classes).toEqual([0, 1, 2, 3]);
    expect(r.f1).toBe(0.5);
    expect(() => macroPrecisionRecallF1([0, 5], [0, 1], { numClasses: 4 })).toThrow(
      'macroPrecisionRecallF1: expected labels below numClasses = 4, got 5 at index 1.',
    );
  });

  it('rejects bad input', () => {
    expect(() => macroPrecisionRecallF1([0], [0, 1])).toThrow(ShapeError);
    expect(() => macroPrecisionRecallF1([], [])).toThrow(DataFormatError);
    expect(() => macroPrecisionRecallF1([-1], [0])).toThrow('expected labels to be class ids');
  });
});
