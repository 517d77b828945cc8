import { ShapeError } from '@recurrent/errors';
import { describe, expect, it } from 'vitest';
import { event1Score } from './event1-score.js';

describe('event1Score (PhysioNet/CinC 2012, Event 1)', () => {
  it('is min(Se, +P) at the threshold, hand-checked', () => {
    // Deaths at 0, 1, 4. At 0.5 predicted {0, 2, 4}: TP 2, FP 1, FN 1 -> Se 2/3, +P 2/3.
    const r = event1Score([1, 1, 0, 0, 1], [0.9, 0.3, 0.6, 0.1, 0.7]);
    expect(r.sensitivity).toBeCloseTo(2 / 3, 15);
    expect(r.positivePredictivity).toBeCloseTo(2 / 3, 15);
    expect(r.score).toBeCloseTo(2 / 3, 15);
    // At 0.25 predicted {0, 1, 2, 4}: TP 3, FP 1 -> Se 1, +P 3/4 -> score 3/4.
    const low = event1Score([1, 1, 0, 0, 1], [0.9, 0.3, 0.6, 0.1, 0.7], { threshold: 0.25 });
    expect(low).toMatchObject({ sensitivity: 1, positivePredictivity: 0.75, score: 0.75 });
    // At 0.8 predicted {0}: TP 1, FP 0 -> Se 1/3, +P 1 -> score 1/3.
    expect(
      event1Score([1, 1, 0, 0, 1], [0.9, 0.3, 0.6, 0.1, 0.7], { threshold: 0.8 }).score,
    ).toBeCloseTo(1 / 3, 15);
  });

  it('scores 0 when nobody is predicted to die', () => {
    expect(event1Score([1, 0], [0.1, 0.2]).score).toBe(0);
  });

  it('rejects bad input', () => {
    expect(() => event1Score([1, 0], [0.1])).toThrow(ShapeError);
    expect(() => event1Score([1, 2], [0.1, 0.3])).toThrow('event1Score: expected labels of 0 or 1');
    expect(() => event1Score([], [])).toThrow('event1Score: expected at least one example');
  });
});
