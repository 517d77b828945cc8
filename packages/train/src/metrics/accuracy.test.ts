import { DataFormatError, ShapeError } from '@recurrent/errors';
import { describe, expect, it } from 'vitest';
import { accuracy } from './accuracy.js';

describe('accuracy', () => {
  it('matches sklearn accuracy_score examples', () => {
    // sklearn docstring: accuracy_score([0, 1, 2, 3], [0, 2, 1, 3]) == 0.5
    expect(accuracy([0, 1, 2, 3], [0, 2, 1, 3])).toBe(0.5);
    // Typed arrays work too: 3 of 4 equal.
    expect(accuracy(Int32Array.from([1, 1, 0, 0]), Float32Array.from([1, 0, 0, 0]))).toBe(0.75);
  });

  it('rejects mismatched lengths, empty input and non-class ids', () => {
    expect(() => accuracy([0, 1], [0])).toThrow(ShapeError);
    expect(() => accuracy([0, 1], [0])).toThrow(
      'accuracy: expected labels and predictions of the same length, got 2 and 1.',
    );
    expect(() => accuracy([], [])).toThrow(DataFormatError);
    expect(() => accuracy([], [])).toThrow('expected at least one example');
    expect(() => accuracy([0, 1], [0.7, 1])).toThrow(
      'accuracy: expected predictions to be class ids (integers >= 0), got 0.7 at index 0. Take the argmax',
    );
  });
});
