import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../test-utils/backends.js';
import { seededNormal } from '../test-utils/fused-parity.js';
import { sliceColumns, stepOf, tapedRows } from './fused-slice.js';

describe('fused slices on wasm', () => {
  it('tapedRows gives tf.slice values and gradients, through the heap kernel', async () => {
    const run = async () => {
      const x = seededNormal([7, 6], 1) as tf.Tensor2D;
      const w = seededNormal([2, 6], 2) as tf.Tensor2D;
      const f = (v: tf.Tensor) => tf.sum(tf.mul(tapedRows(v as tf.Tensor2D, 3, 2), w));
      const info = await tf.profile(() => {
        const g = tf.grad(f)(x);
        const value = tapedRows(x, 3, 2);
        return [Array.from(value.dataSync()), Array.from(g.dataSync())];
      });
      const [value, grad] = info.result as number[][];
      const names = info.kernels.map((k) => k.name);
      tf.dispose([x, w]);
      return { value: value!, grad: grad!, names };
    };
    await useBackend('cpu');
    const cpu = await run();
    await useBackend('wasm');
    const wasm = await run();
    expect(wasm.names).toContain('RecurrentSlice2D');
    expect(wasm.names).not.toContain('Slice');
    expect(cpu.names).toContain('Slice');
    expect(wasm.value).toEqual(cpu.value);
    expect(wasm.grad).toEqual(cpu.grad);
    // Rows 3 and 4 get w's values; every other row gets zeros.
    expect(wasm.grad.slice(0, 18).every((v) => v === 0)).toBe(true);
    expect(wasm.grad.slice(30).every((v) => v === 0)).toBe(true);
  });

  it('stepOf and sliceColumns copy only the slice, and keep numTensors flat', async () => {
    await useBackend('wasm');
    const all = tf.tensor2d([
      [1, 2, 3, 4, 5, 6],
      [7, 8, 9, 10, 11, 12],
    ]); // [time 2, batch 2 * width 3]
    expect(stepOf(all, 1, 2, 3).arraySync()).toEqual([
      [7, 8, 9],
      [10, 11, 12],
    ]);
    expect(sliceColumns(all, 2, 3).arraySync()).toEqual([
      [3, 4, 5],
      [9, 10, 11],
    ]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) {
      const g = tf.grad((v: tf.Tensor) => tf.sum(tapedRows(v as tf.Tensor2D, 1, 1)))(all);
      g.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    all.dispose();
  });
});
