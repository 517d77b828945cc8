import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { describeMatmul, measureMatmulRate, summarizeKernels } from './kernel-profile.js';

describe('describeMatmul', () => {
  it('reads the transpose flags from the shapes', () => {
    expect(describeMatmul([32, 256], [256, 1024], [32, 1024])).toEqual({
      label: '[32x256] @ [256x1024]',
      flops: 2 * 32 * 256 * 1024,
    });
    expect(describeMatmul([32, 1024], [256, 1024], [32, 256]).label).toBe(
      '[32x1024] @ [256x1024]^T',
    );
    expect(describeMatmul([2048, 256], [2048, 1024], [256, 1024]).label).toBe(
      '[2048x256]^T @ [2048x1024]',
    );
    expect(describeMatmul([1, 2048, 256], [1, 2048, 65], [1, 256, 65]).label).toBe(
      '[2048x256]^T @ [2048x65]',
    );
    expect(describeMatmul([4, 3, 5], [4, 5, 2], [4, 3, 2])).toEqual({
      label: '4 x [3x5] @ [5x2]',
      flops: 2 * 4 * 3 * 5 * 2,
    });
  });

  it('takes the untransposed reading when a square operand fits both', () => {
    expect(describeMatmul([8, 8], [8, 8], [8, 8]).label).toBe('[8x8] @ [8x8]');
  });
});

describe('summarizeKernels', () => {
  it('groups a real profiled step by kernel and matmul shape, and adds up FLOPs and time', async () => {
    await tf.setBackend('cpu');
    const a = tf.randomUniform([6, 4]); // [6, 4]
    const b = tf.randomUniform([4, 3]); // [4, 3]
    let stepMs = 0;
    const info = await tf.profile(() => {
      const start = performance.now();
      const c = tf.tanh(tf.matMul(tf.matMul(a, b), b, false, true)); // [6, 4]
      const d = tf.matMul(a, b); // [6, 3]
      stepMs = performance.now() - start;
      return [c, d];
    });
    for (const t of info.result as tf.Tensor[]) t.dispose();
    a.dispose();
    b.dispose();
    const p = summarizeKernels(info.kernels, stepMs);
    const labels = p.groups.map((g) => g.label).sort();
    expect(labels).toEqual([
      'BatchMatMul [6x3] @ [4x3]^T',
      'BatchMatMul [6x4] @ [4x3]',
      'Tanh -> [6x4]',
    ]);
    const plain = p.groups.find((g) => g.label === 'BatchMatMul [6x4] @ [4x3]')!;
    expect(plain.calls).toBe(2);
    expect(plain.flops).toBe(2 * 2 * 6 * 4 * 3);
    expect(p.matmulFlops).toBe(2 * 2 * 6 * 4 * 3 + 2 * 6 * 3 * 4);
    expect(p.kernelCalls).toBe(4);
    expect(p.kernelMs).toBeCloseTo(
      p.groups.reduce((s, g) => s + g.ms, 0),
      9,
    );
    expect(p.groups.find((g) => g.label === 'Tanh -> [6x4]')!.flops).toBe(0);
  });

  it("leaves out custom-gradient scopes, whose time is their kernels' time", async () => {
    await tf.setBackend('cpu');
    const x = tf.randomUniform([5, 3]); // [5, 3]
    const square = tf.customGrad((v) => {
      const t = v as tf.Tensor;
      return { value: tf.mul(t, t), gradFunc: (dy: tf.Tensor) => tf.mul(dy, tf.mul(t, 2)) };
    });
    const info = await tf.profile(() => tf.tanh(square(x) as tf.Tensor));
    (info.result as tf.Tensor).dispose();
    x.dispose();
    expect(info.kernels.some((k) => k.name === 'Multiply')).toBe(true);
    expect(info.kernels.length).toBeGreaterThan(2); // the scope is listed too
    const p = summarizeKernels(info.kernels, 1);
    expect(p.groups.map((g) => g.label).sort()).toEqual(['Multiply -> [5x3]', 'Tanh -> [5x3]']);
    expect(p.kernelCalls).toBe(2);
  });
});

describe('measureMatmulRate', () => {
  it('times a matmul and frees its tensors', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const rate = await measureMatmulRate(16, 8, 4, 2);
    expect(rate.shape).toBe('[16x8] @ [8x4]');
    expect(rate.gflops).toBeGreaterThan(0);
    expect(Number.isFinite(rate.gflops)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });
});
