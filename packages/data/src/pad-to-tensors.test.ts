import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { padToTensors } from './pad-to-tensors.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('padToTensors', () => {
  it('gives int32 ids, a float32 mask and lengths, and disposes them', () => {
    const before = tf.memory().numTensors;
    const padded = padToTensors([[4, 5, 6, 7], [8]], { maxLength: 3 });
    expect(padded.ids.shape).toEqual([2, 3]);
    expect(padded.ids.dtype).toBe('int32');
    expect(padded.mask.dtype).toBe('float32');
    expect(padded.ids.arraySync()).toEqual([
      [4, 5, 6],
      [8, 0, 0],
    ]);
    expect(padded.mask.arraySync()).toEqual([
      [1, 1, 1],
      [1, 0, 0],
    ]);
    expect(padded.lengths.arraySync()).toEqual([3, 1]);
    expect(padded.report.truncated).toBe(1);
    padded.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
