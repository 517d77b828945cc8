import { describe, expect, it } from 'vitest';
import { splitTail } from './split-tail.js';

describe('splitTail', () => {
  it('keeps the tail for validation (and test), as views of a typed array', () => {
    const ids = Int32Array.from({ length: 100 }, (_, i) => i);
    const { train, validation, test } = splitTail(ids, { validationFraction: 0.1 });
    expect(train.length).toBe(90);
    expect([...validation]).toEqual(Array.from({ length: 10 }, (_, i) => 90 + i));
    expect(test.length).toBe(0);
    expect(train.buffer).toBe(ids.buffer); // a view, no copy
    const three = splitTail(ids, { validationFraction: 0.1, testFraction: 0.05 });
    expect([three.train.length, three.validation.length, three.test.length]).toEqual([85, 10, 5]);
    expect(three.validation[0]).toBe(85);
    expect(three.test[0]).toBe(95);
  });

  it('works on plain arrays and rejects a split with nothing to validate', () => {
    expect(splitTail([1, 2, 3, 4], { validationFraction: 0.25 })).toEqual({
      train: [1, 2, 3],
      validation: [4],
      test: [],
    });
    expect(() => splitTail([1, 2, 3], { validationFraction: 0.1 })).toThrow(
      /splitTail: 3 items leave the validation part empty/,
    );
  });
});
