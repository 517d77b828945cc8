import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { maskFromLengths, maskTensorFromLengths } from './mask-from-lengths.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('maskFromLengths', () => {
  it('puts min(length, maxLength) ones at the start or the end', () => {
    expect(maskFromLengths([3, 1, 0, 7], 4)).toEqual([
      [1, 1, 1, 0],
      [1, 0, 0, 0],
      [0, 0, 0, 0],
      [1, 1, 1, 1],
    ]);
    expect(maskFromLengths([1, 3], 4, { padding: 'pre' })).toEqual([
      [0, 0, 0, 1],
      [0, 1, 1, 1],
    ]);
  });

  it('rejects bad lengths and maxLength', () => {
    expect(() => maskFromLengths([2, -1], 4)).toThrow(
      /maskFromLengths: expected lengths to be integers >= 0, got the number -1 at index 1/,
    );
    expect(() => maskFromLengths([1], 0)).toThrow(/expected maxLength to be an integer >= 1/);
  });

  it('the tensor version equals the array version and leaks nothing (property)', () => {
    const before = tf.memory().numTensors;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom('pre', 'post'),
        (lengths, maxLength, padding) => {
          const mask = maskTensorFromLengths(lengths, maxLength, { padding });
          expect(mask.dtype).toBe('float32');
          expect(mask.arraySync()).toEqual(maskFromLengths(lengths, maxLength, { padding }));
          const fromTensor = tf.tensor1d(lengths, 'int32');
          const mask2 = maskTensorFromLengths(fromTensor, maxLength, { padding });
          expect(mask2.arraySync()).toEqual(mask.arraySync());
          tf.dispose([mask, mask2, fromTensor]);
        },
      ),
      { numRuns: 50 },
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
