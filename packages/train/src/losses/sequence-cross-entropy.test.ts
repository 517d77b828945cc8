import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerGradients } from '../loop/register-gradients.js';
import { sequenceCrossEntropy } from './sequence-cross-entropy.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await registerGradients();
});

/** The textbook formula in float64: -log softmax(z)[y], smoothed: (1-e)*nll + e*mean(-log p). */
function directCrossEntropy(z: number[], y: number, smoothing = 0): number {
  const max = Math.max(...z);
  const lse = max + Math.log(z.reduce((s, v) => s + Math.exp(v - max), 0));
  const logp = z.map((v) => v - lse);
  const nll = -(logp[y] as number);
  const uniform = -logp.reduce((s, v) => s + v, 0) / z.length;
  return (1 - smoothing) * nll + smoothing * uniform;
}

describe('sequenceCrossEntropy', () => {
  it('matches hand-computed values', () => {
    // Two equal logits: -log(1/2) = ln 2 = 0.693147...
    const a = sequenceCrossEntropy(tf.tensor3d([[[0, 0]]]), tf.tensor2d([[0]], [1, 1], 'int32'));
    expect(a.dataSync()[0]).toBeCloseTo(Math.LN2, 6);
    // logits [1, 2, 3], target 2: log(1 + e^-1 + e^-2) = 0.4076059644...
    const b = sequenceCrossEntropy(tf.tensor3d([[[1, 2, 3]]]), tf.tensor2d([[2]], [1, 1], 'int32'));
    expect(b.dataSync()[0]).toBeCloseTo(0.4076059644, 6);
    tf.dispose([a, b]);
  });

  it('agrees with the direct formula, with and without label smoothing', () => {
    const z = [
      [
        [0.5, -1.2, 2.0, 0.1],
        [3.0, 0.0, -2.0, 1.0],
        [-0.3, 0.3, 0.9, -0.9],
      ],
      [
        [1.5, 1.5, -0.5, 0.0],
        [0.2, -0.2, 0.4, 2.2],
        [0.0, 0.0, 0.0, 0.0],
      ],
    ];
    const y = [
      [2, 0, 3],
      [1, 3, 0],
    ];
    for (const smoothing of [0, 0.1]) {
      let sum = 0;
      for (let b = 0; b < 2; b++) {
        for (let t = 0; t < 3; t++) sum += directCrossEntropy(z[b]![t]!, y[b]![t]!, smoothing);
      }
      const loss = sequenceCrossEntropy(tf.tensor3d(z), tf.tensor2d(y, [2, 3], 'int32'), null, {
        labelSmoothing: smoothing,
      });
      expect(loss.dataSync()[0]).toBeCloseTo(sum / 6, 5);
      loss.dispose();
    }
  });

  it('averages over real steps only: padding changes nothing and gets no gradient', () => {
    // Row 0 has 2 real steps, row 1 has 1; the padded steps hold wild logits and targets.
    const z = [
      [
        [1, 2, 0],
        [0, 1, 0],
        [50, -50, 9],
      ],
      [
        [2, 0, 1],
        [-40, 40, 0],
        [7, 7, -7],
      ],
    ];
    const y = [
      [1, 2, 1],
      [0, 0, 2],
    ];
    const mask = tf.tensor2d([
      [1, 1, 0],
      [1, 0, 0],
    ]);
    const expected =
      (directCrossEntropy([1, 2, 0], 1) +
        directCrossEntropy([0, 1, 0], 2) +
        directCrossEntropy([2, 0, 1], 0)) /
      3;
    const logits = tf.tensor3d(z);
    const targets = tf.tensor2d(y, [2, 3], 'int32');
    const masked = sequenceCrossEntropy(logits, targets, mask);
    expect(masked.dataSync()[0]).toBeCloseTo(expected, 5);
    const unmasked = sequenceCrossEntropy(logits, targets);
    expect(Math.abs(unmasked.dataSync()[0]! - expected)).toBeGreaterThan(1);

    const grad = tf.grad((l: tf.Tensor) => sequenceCrossEntropy(l, targets, mask))(logits);
    const g = grad.arraySync() as number[][][];
    expect(g[0]![2]!.map(Math.abs)).toEqual([0, 0, 0]);
    expect(g[1]![1]!.map(Math.abs)).toEqual([0, 0, 0]);
    expect(g[1]![2]!.map(Math.abs)).toEqual([0, 0, 0]);
    expect(Math.abs(g[0]![0]![0]!)).toBeGreaterThan(0);
    tf.dispose([mask, logits, targets, masked, unmasked, grad]);
  });

  it('is stable for huge logits and returns 0 for an all-padding batch', () => {
    const big = sequenceCrossEntropy(
      tf.tensor3d([[[1000, -1000, 0]]]),
      tf.tensor2d([[1]], [1, 1], 'int32'),
    );
    expect(big.dataSync()[0]).toBeCloseTo(2000, 1);
    const empty = sequenceCrossEntropy(
      tf.tensor3d([[[1, 2]]]),
      tf.tensor2d([[1]], [1, 1], 'int32'),
      tf.tensor2d([[0]]),
    );
    expect(empty.dataSync()[0]).toBe(0);
    tf.dispose([big, empty]);
  });

  it('sum reduction pools batches: sum / count equals the mean', () => {
    const logits = tf.tensor3d([
      [
        [1, 2],
        [3, 1],
      ],
    ]);
    const targets = tf.tensor2d([[0, 0]], [1, 2], 'int32');
    const mask = tf.tensor2d([[1, 1]]);
    const sum = sequenceCrossEntropy(logits, targets, mask, { reduction: 'sum' });
    const mean = sequenceCrossEntropy(logits, targets, mask);
    expect(sum.dataSync()[0]! / 2).toBeCloseTo(mean.dataSync()[0]!, 6);
    tf.dispose([logits, targets, mask, sum, mean]);
  });

  it('explains wrong shapes and dtypes', () => {
    const logits = tf.zeros([2, 3, 4]);
    expect(() => sequenceCrossEntropy(tf.zeros([6, 4]), tf.zeros([6], 'int32'))).toThrow(
      'sequenceCrossEntropy: expected logits of shape [batch, time, vocab], got [6, 4]',
    );
    expect(() => sequenceCrossEntropy(logits, tf.zeros([2, 4], 'int32'))).toThrow(
      'expected targets of shape [2, 3] (token ids), got [2, 4]',
    );
    expect(() => sequenceCrossEntropy(logits, tf.zeros([2, 3]))).toThrow(
      'expected int32 targets (token ids), got float32',
    );
    expect(() => sequenceCrossEntropy(logits, tf.zeros([2, 3], 'int32'), tf.ones([3, 2]))).toThrow(
      'expected mask of shape [2, 3] (1 = real step, 0 = padding), got [3, 2]',
    );
    expect(() =>
      sequenceCrossEntropy(logits, tf.zeros([2, 3], 'int32'), null, { labelSmoothing: 1 }),
    ).toThrow('expected labelSmoothing in [0, 1), got 1');
  });

  it('leaves no tensors behind', () => {
    const logits = tf.randomNormal([2, 3, 5], 0, 1, 'float32', 1);
    const targets = tf.tensor2d(
      [
        [0, 1, 2],
        [3, 4, 0],
      ],
      [2, 3],
      'int32',
    );
    const mask = tf.tensor2d([
      [1, 1, 0],
      [1, 0, 0],
    ]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) {
      sequenceCrossEntropy(logits, targets, mask, { labelSmoothing: 0.1 }).dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([logits, targets, mask]);
  });
});
