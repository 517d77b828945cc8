import { describe, expect, it } from 'vitest';
import { bucketBoundaries, checkBoundaries } from './bucket-boundaries.js';

describe('bucketBoundaries', () => {
  it('cuts at length quantiles and ends at maxLength', () => {
    expect(bucketBoundaries([2, 3, 3, 5, 8, 9], 3, 10)).toEqual([3, 5, 10]);
    expect(bucketBoundaries([4, 4, 4, 4], 3, 6)).toEqual([4, 6]);
    expect(bucketBoundaries([1, 50], 1, 20)).toEqual([20]);
  });

  it('checks explicit boundaries', () => {
    expect(checkBoundaries('t', [4, 8], 16)).toEqual([4, 8, 16]);
    expect(() => checkBoundaries('t', [8, 4], 16)).toThrow(
      /t: expected buckets in increasing order, got \[8, 4\]/,
    );
    expect(() => checkBoundaries('t', [32], 16)).toThrow(
      /expected buckets\[0\] to be an integer in \[1, 16\], got the number 32/,
    );
  });
});
