import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { gatherStateRows } from './gather-state-rows.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('gatherStateRows', () => {
  it('gathers every tensor of a nested state along axis 0 and keeps other values', () => {
    const h = tf.tensor2d([[1], [2], [3]]); // [3, 1]
    const c = tf.tensor2d([[10], [20], [30]]);
    const state = { layers: [[h, c]], note: 'kept', map: new Map([['x', tf.tensor1d([7, 8, 9])]]) };
    const before = tf.memory().numTensors;
    const out = gatherStateRows(state, Int32Array.from([2, 2, 0, 1]));
    expect(tf.memory().numTensors).toBe(before + 3); // three new tensors, the index freed
    expect(out.layers[0]?.[0]?.arraySync()).toEqual([[3], [3], [1], [2]]);
    expect(out.layers[0]?.[1]?.arraySync()).toEqual([[30], [30], [10], [20]]);
    expect(out.map.get('x')?.arraySync()).toEqual([9, 9, 7, 8]);
    expect(out.note).toBe('kept');
    expect(h.isDisposed).toBe(false);
    tf.dispose([
      h,
      c,
      state.map.get('x') as tf.Tensor,
      ...(out.layers[0] as tf.Tensor[]),
      out.map.get('x') as tf.Tensor,
    ]);
  });

  it('frees what it gathered when a row index is out of range', () => {
    const a = tf.tensor1d([1, 2]);
    const before = tf.memory().numTensors;
    expect(() => gatherStateRows([a, a], Int32Array.from([5]))).toThrow();
    expect(tf.memory().numTensors).toBe(before);
    a.dispose();
  });
});
