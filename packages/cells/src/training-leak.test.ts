/**
 * No leaks in training: 200 steps of a 2-layer stacked bidirectional LSTM (masked, dropout
 * between layers, tf.variableGrads + a plain SGD update) leave tf.memory().numTensors flat.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { bidirectional } from './bidirectional.js';
import { lstmCell } from './lstm-cell.js';
import { runRnn } from './run-rnn.js';
import { stackCells } from './stack-cells.js';
import { useBackend } from './test-utils/backends.js';

beforeAll(() => useBackend('cpu'));

describe('training leaks nothing', () => {
  it('200 steps of a stacked bidirectional LSTM keep numTensors flat, and the loss falls', () => {
    const layer = (k: number, inputSize: number) =>
      bidirectional(
        lstmCell({ inputSize, units: 3, seed: 2 * k, name: `l${k}_fwd` }),
        lstmCell({ inputSize, units: 3, seed: 2 * k + 1, name: `l${k}_bwd` }),
      );
    const model = stackCells([layer(0, 2), layer(1, 6)], { dropout: 0.1, seed: 1 });
    const x = tf.tensor3d(
      Array.from({ length: 2 * 4 * 2 }, (_, i) => Math.cos(i)),
      [2, 4, 2],
    );
    const mask = tf.tensor2d([
      [1, 1, 1, 1],
      [1, 1, 0, 0],
    ]);
    const target = tf.tensor2d([
      [0.3, -0.2, 0.1, 0.0, 0.2, -0.1],
      [-0.3, 0.2, 0.0, 0.1, -0.2, 0.3],
    ]);
    const vars = model.weights.map((w) => w.variable);
    const step = (): number =>
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => {
          const { output } = runRnn(model, x, { mask, training: true }); // [2, 6]
          return tf.mean(tf.square(tf.sub(output, target))) as tf.Scalar;
        }, vars);
        for (const v of vars) v.assign(tf.sub(v, tf.mul(0.2, grads[v.name]!)));
        return value.dataSync()[0]!;
      });
    const first = step();
    const before = tf.memory().numTensors;
    let last = first;
    for (let i = 1; i < 200; i++) last = step();
    expect(tf.memory().numTensors).toBe(before);
    expect(last).toBeLessThan(first);
  });
});
