import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { registerChainedOps } from './register-chained-ops.js';

describe('registerChainedOps', () => {
  it("adds tfjs-core's chained tensor methods, which call the same ops", async () => {
    await tf.setBackend('cpu');
    registerChainedOps();
    const t = tf.tensor2d([
      [1, -2],
      [3, 4],
    ]) as tf.Tensor2D & { flatten(): tf.Tensor; abs(): tf.Tensor; asType(d: string): tf.Tensor };
    expect(Array.from(t.flatten().dataSync())).toEqual([1, -2, 3, 4]);
    expect(Array.from(t.abs().dataSync())).toEqual([1, 2, 3, 4]);
    expect(t.asType('int32').dtype).toBe('int32');
  });
});
