import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { bidirectional } from './bidirectional.js';
import { lstmCell } from './lstm-cell.js';
import { runRnn } from './run-rnn.js';
import { simpleRnnCell } from './simple-rnn-cell.js';
import { stackCells } from './stack-cells.js';
import { useBackend } from './test-utils/backends.js';
import { tensorDiff } from './test-utils/numbers.js';

beforeAll(() => useBackend('cpu'));

describe('runRnn', () => {
  it('computes the lecture equation h_t = tanh(h_{t-1} W + x_t U + b) step by step', () => {
    const cell = simpleRnnCell({ inputSize: 2, units: 3, seed: 1 });
    const x = tf.tensor3d([
      [
        [1, 2],
        [0.5, -1],
        [2, 0],
      ],
    ]); // [1, 3, 2]
    const U = cell.kernel.arraySync() as number[][];
    const W = cell.recurrentKernel.arraySync() as number[][];
    const xs = x.arraySync()[0]!;
    let h = [0, 0, 0];
    const expected: number[][] = [];
    for (const xt of xs) {
      h = h.map((_, j) =>
        Math.tanh(
          h.reduce((s, hk, k) => s + hk * W[k]![j]!, 0) +
            xt.reduce((s, xi, i) => s + xi * U[i]![j]!, 0),
        ),
      );
      expected.push(h);
    }
    const { output, sequence } = runRnn(cell, x, { returnSequences: true, fused: false });
    const got = sequence!.arraySync()[0]!;
    got.forEach((row, t) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[t]![j]!, 6)));
    expect(output.arraySync()[0]).toEqual(got[2]);
  });
});
