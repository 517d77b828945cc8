import { describe, expect, it } from 'vitest';
import { pearson } from './pearson.js';

describe('pearson', () => {
  it('matches the value worked by hand: r = 5 / sqrt(2 * 114/9)', () => {
    expect(pearson([1, 2, 3], [2, 4, 7])).toBeCloseTo(5 / Math.sqrt((2 * 114) / 9), 12);
  });

  it('keeps the sign and is invariant to scale and shift', () => {
    const x = [0.3, -1, 2, 5, 0];
    const y = [1, 0, 1, 1, 0];
    expect(
      pearson(
        x.map((v) => -3 * v + 7),
        y,
      ),
    ).toBeCloseTo(-pearson(x, y), 12);
    expect(pearson(x, x)).toBeCloseTo(1, 12);
  });

  it('leaves out positions where either series is NaN', () => {
    expect(pearson([1, 2, 99, 3], [2, 4, Number.NaN, 7])).toBeCloseTo(
      pearson([1, 2, 3], [2, 4, 7]),
      12,
    );
  });

  it('is NaN for a constant series or fewer than two positions', () => {
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(pearson([1, 2, 3], [0, 0, 0])).toBeNaN();
    expect(pearson([1, 2], [1, Number.NaN])).toBeNaN();
  });

  it('says what it expected when the lengths differ', () => {
    expect(() => pearson([1, 2], [1, 2, 3])).toThrow(
      'pearson: expected two series of the same length, got 2 and 3.',
    );
  });
});
