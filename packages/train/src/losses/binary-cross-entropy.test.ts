import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerGradients } from '../loop/register-gradients.js';
import { binaryCrossEntropy } from './binary-cross-entropy.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await registerGradients();
});

/** The textbook formula in float64: -[wp y log s(x) + wn (1-y) log(1 - s(x))]. */
function direct(x: number, y: number, wp = 1, wn = 1): number {
  const s = 1 / (1 + Math.exp(-x));
  return -(wp * y * Math.log(s) + wn * (1 - y) * Math.log(1 - s));
}

const value = (t: tf.Tensor) => {
  const v = t.dataSync()[0]!;
  t.dispose();
  return v;
};

describe('binaryCrossEntropy', () => {
  it('matches hand-computed values', () => {
    // x = 0: -log(1/2) = ln 2 for either label.
    expect(value(binaryCrossEntropy(tf.tensor1d([0]), tf.tensor1d([1])))).toBeCloseTo(Math.LN2, 6);
    // x = 2, y = 1: log(1 + e^-2) = 0.1269280110...
    expect(value(binaryCrossEntropy(tf.tensor1d([2]), tf.tensor1d([1])))).toBeCloseTo(
      0.126928011,
      6,
    );
    // x = 2, y = 0: log(1 + e^2) = 2.1269280110...
    expect(value(binaryCrossEntropy(tf.tensor1d([2]), tf.tensor1d([0])))).toBeCloseTo(
      2.126928011,
      5,
    );
  });

  it('agrees with the direct formula, weighted and unweighted', () => {
    const xs = [-3, -0.5, 0.2, 1.7, 4, -1];
    const ys = [0, 1, 1, 0, 1, 0];
    for (const [wp, wn] of [
      [1, 1],
      [6, 1],
      [2.5, 0.5],
    ] as const) {
      const expected = xs.reduce((s, x, i) => s + direct(x, ys[i]!, wp, wn), 0) / xs.length;
      const got = value(
        binaryCrossEntropy(tf.tensor1d(xs), tf.tensor1d(ys), {
          classWeights: { positive: wp, negative: wn },
        }),
      );
      expect(got).toBeCloseTo(expected, 5);
    }
    // posWeight p is classWeights { positive: p, negative: 1 }.
    const a = value(binaryCrossEntropy(tf.tensor1d(xs), tf.tensor1d(ys), { posWeight: 6 }));
    expect(a).toBeCloseTo(xs.reduce((s, x, i) => s + direct(x, ys[i]!, 6, 1), 0) / xs.length, 5);
  });

  it('is stable for huge logits', () => {
    // A confident wrong answer costs |x|, never Infinity or NaN.
    expect(value(binaryCrossEntropy(tf.tensor1d([-100]), tf.tensor1d([1])))).toBeCloseTo(100, 3);
    expect(value(binaryCrossEntropy(tf.tensor1d([100]), tf.tensor1d([1])))).toBeCloseTo(0, 6);
    const g = tf.grad((x: tf.Tensor) => binaryCrossEntropy(x, tf.tensor1d([1, 0])))(
      tf.tensor1d([-500, 500]),
    );
    // d/dx = sigmoid(x) - y, halved by the mean over 2 elements.
    expect(Array.from(g.dataSync())).toEqual([-0.5, 0.5]);
    g.dispose();
  });

  it('averages over real elements only', () => {
    const logits = tf.tensor2d([
      [1, -2, 30],
      [0.5, -40, 9],
    ]);
    const labels = tf.tensor2d([
      [1, 0, 0],
      [0, 1, 1],
    ]);
    const mask = tf.tensor2d([
      [1, 1, 0],
      [1, 0, 0],
    ]);
    const expected = (direct(1, 1) + direct(-2, 0) + direct(0.5, 0)) / 3;
    expect(value(binaryCrossEntropy(logits, labels, { mask }))).toBeCloseTo(expected, 5);
    expect(value(binaryCrossEntropy(logits, labels))).toBeGreaterThan(expected + 5);
    tf.dispose([logits, labels, mask]);
  });

  it('explains bad options and shapes', () => {
    expect(() => binaryCrossEntropy(tf.zeros([2, 3]), tf.zeros([3, 2]))).toThrow(
      "binaryCrossEntropy: expected labels of the logits' shape [2, 3], got [3, 2]",
    );
    expect(() =>
      binaryCrossEntropy(tf.zeros([2]), tf.zeros([2]), {
        posWeight: 2,
        classWeights: { positive: 2, negative: 1 },
      }),
    ).toThrow('got both classWeights and posWeight');
    expect(() => binaryCrossEntropy(tf.zeros([2]), tf.zeros([2]), { posWeight: -1 })).toThrow(
      'expected the positive class weight to be a finite number >= 0, got -1',
    );
  });

  it('leaves no tensors behind', () => {
    const x = tf.tensor1d([1, 2, 3]);
    const y = tf.tensor1d([0, 1, 1]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) binaryCrossEntropy(x, y, { posWeight: 3 }).dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y]);
  });
});
