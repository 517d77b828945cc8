import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { dense } from './dense.js';
import { useBackend } from './test-utils/backends.js';

function maxDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
}

describe.each(['cpu', 'wasm'] as const)('dense on %s', (backend) => {
  it('equals x W + b and its autodiff gradients (the reference), without leaks', async () => {
    await useBackend(backend);
    const head = dense({ inputSize: 7, units: 5, seed: 3 });
    const x = tf.randomNormal([11, 7], 0, 1, 'float32', 1) as tf.Tensor2D;
    const coef = tf.randomNormal([11, 5], 0, 1, 'float32', 2);
    const ours = tf.grads((xs, w, b) =>
      tf.sum(tf.mul(tf.add(tf.matMul(xs as tf.Tensor2D, w as tf.Tensor2D), b!), coef)),
    );
    const reference = ours([x, head.kernel, head.bias]);
    const before = tf.memory().numTensors;
    const got = tf.grads((xs) => tf.sum(tf.mul(head.apply(xs as tf.Tensor2D), coef)))([x]);
    const { value, grads } = tf.variableGrads(
      () => tf.sum(tf.mul(head.apply(x), coef)),
      [head.kernel, head.bias],
    );
    const forward = tf.tidy(() =>
      maxDiff(head.apply(x), tf.add(tf.matMul(x, head.kernel), head.bias)),
    );
    expect(forward).toBeLessThan(1e-6);
    expect(maxDiff(got[0]!, reference[0]!)).toBeLessThan(1e-5);
    expect(maxDiff(grads[head.kernel.name]!, reference[1]!)).toBeLessThan(1e-5);
    expect(maxDiff(grads[head.bias.name]!, reference[2]!)).toBeLessThan(1e-5);
    tf.dispose([got, value, Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
    expect(head.weights.map((w) => w.name)).toEqual(['dense_0/kernel', 'dense_0/bias']);
    tf.dispose([x, coef, reference, head.kernel, head.bias]);
  });
});

it('rejects sizes below 1 with the fix', () => {
  expect(() => dense({ inputSize: 0, units: 3 })).toThrow(
    'dense: expected inputSize to be an integer >= 1, got the number 0.',
  );
});
