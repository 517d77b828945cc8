import { ConfigError, DataFormatError, ShapeError } from '@recurrent/errors';
import { describe, expect, it } from 'vitest';
import { precisionRecallF1 } from './precision-recall-f1.js';

describe('precisionRecallF1', () => {
  it('matches sklearn on 0/1 predictions', () => {
    // sklearn: y_true = [0, 1, 1, 0, 1, 1], y_pred = [0, 1, 0, 1, 1, 1]
    // TP = 3 (idx 1, 4, 5), FP = 1 (idx 3), FN = 1 (idx 2), TN = 1:
    // precision_score = 3/4, recall_score = 3/4, f1_score = 0.75.
    const r = precisionRecallF1([0, 1, 1, 0, 1, 1], [0, 1, 0, 1, 1, 1]);
    expect(r).toMatchObject({
      truePositives: 3,
      falsePositives: 1,
      falseNegatives: 1,
      trueNegatives: 1,
    });
    expect(r.precision).toBe(0.75);
    expect(r.recall).toBe(0.75);
    expect(r.f1).toBeCloseTo(0.75, 15);
  });

  it('thresholds scores with score >= threshold', () => {
    const labels = [0, 1, 1, 0, 1];
    const scores = [0.2, 0.9, 0.4, 0.6, 0.8];
    // At 0.5: predicted {1, 3, 4}: TP 2, FP 1, FN 1 -> P = R = F1 = 2/3.
    const half = precisionRecallF1(labels, scores);
    expect(half.precision).toBeCloseTo(2 / 3, 15);
    expect(half.recall).toBeCloseTo(2 / 3, 15);
    expect(half.f1).toBeCloseTo(2 / 3, 15);
    // At 0.4 (inclusive): predicted {1, 2, 3, 4}: TP 3, FP 1 -> P = 3/4, R = 1, F1 = 6/7.
    const low = precisionRecallF1(labels, scores, { threshold: 0.4 });
    expect(low.precision).toBe(0.75);
    expect(low.recall).toBe(1);
    expect(low.f1).toBeCloseTo(6 / 7, 15);
  });

  it('reports 0 (sklearn zero_division=0) when nothing is predicted positive', () => {
    const r = precisionRecallF1([0, 1, 1], [0.1, 0.2, 0.3]);
    expect(r).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });

  it('rejects bad input with a message that says how to fix it', () => {
    expect(() => precisionRecallF1([0, 1], [0.5])).toThrow(ShapeError);
    expect(() => precisionRecallF1([], [])).toThrow(DataFormatError);
    expect(() => precisionRecallF1([0, 2], [0.5, 0.5])).toThrow(
      'precisionRecallF1: expected labels of 0 or 1, got 2 at index 1. Map the positive class to 1',
    );
    expect(() => precisionRecallF1([0, 1], [0.5, Number.NaN])).toThrow(
      'precisionRecallF1: expected finite scores, got NaN at index 1.',
    );
    expect(() => precisionRecallF1([0, 1], [0.5, 0.5], { threshold: Number.NaN })).toThrow(
      ConfigError,
    );
  });
});
