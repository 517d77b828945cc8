/**
 * lstmStepGates against the cell's own step (the state must be the same numbers) and against
 * the gate equations evaluated in plain JavaScript from the cell's weights (float64).
 */
import { ShapeError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { lstmCell } from './lstm-cell.js';
import { lstmStepGates } from './lstm-step-gates.js';
import type { RecurrentActivation } from './recurrent-activation.js';
import { useBackend } from './test-utils/backends.js';

beforeAll(() => useBackend('cpu'));

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const hard = (z: number) => Math.min(1, Math.max(0, 0.2 * z + 0.5));

/** z = x K + h R + b for one row, in float64. */
function preActivations(x: number[], h: number[], K: number[][], R: number[][], b: number[]) {
  return b.map(
    (bj, j) =>
      bj +
      x.reduce((s, xi, i) => s + xi * K[i]![j]!, 0) +
      h.reduce((s, hk, k) => s + hk * R[k]![j]!, 0),
  );
}

describe('lstmStepGates', () => {
  for (const activation of ['sigmoid', 'hardSigmoid'] as RecurrentActivation[]) {
    it(`returns cell.step's state and the gates of the equations (${activation})`, () => {
      const units = 4;
      const cell = lstmCell({ inputSize: 3, units, recurrentActivation: activation, seed: 5 });
      const x = tf.tensor2d([
        [0.5, -1, 2],
        [-0.3, 0.8, 0.1],
      ]); // [2, 3]
      const h = tf.tensor2d([
        [0.1, -0.2, 0.3, -0.4],
        [0.9, 0.1, -0.5, 0.2],
      ]); // [2, 4]
      const c = tf.tensor2d([
        [1, -1, 0.5, 2],
        [-0.7, 0.3, 1.5, -2],
      ]); // [2, 4]
      const before = tf.memory().numTensors;
      const got = lstmStepGates(cell, x, [h, c]);
      expect(tf.memory().numTensors - before).toBe(6); // h', c', i, f, o, g: nothing else
      const reference = cell.step(x, [h, c]);
      expect(got.state[0].arraySync()).toEqual(reference.state[0]!.arraySync());
      expect(got.state[1].arraySync()).toEqual(reference.state[1]!.arraySync());

      const s = activation === 'sigmoid' ? sigmoid : hard;
      const K = cell.kernel.arraySync() as number[][];
      const R = cell.recurrentKernel.arraySync() as number[][];
      const b = cell.bias.arraySync() as number[];
      const xs = x.arraySync();
      const hs = h.arraySync();
      const gates = {
        i: got.i.arraySync(),
        f: got.f.arraySync(),
        o: got.o.arraySync(),
        g: got.g.arraySync(),
      };
      for (let row = 0; row < 2; row++) {
        const z = preActivations(xs[row]!, hs[row]!, K, R, b);
        const block = (k: number) => z.slice(k * units, (k + 1) * units);
        const want = {
          i: block(0).map(s),
          f: block(1).map(s),
          g: block(2).map(Math.tanh),
          o: block(3).map(s),
        };
        for (const key of ['i', 'f', 'o', 'g'] as const) {
          for (const [u, v] of gates[key][row]!.entries()) {
            expect(v).toBeCloseTo(want[key][u]!, 5);
          }
        }
      }
      tf.dispose([x, h, c, got.state, got.i, got.f, got.o, got.g, reference.state]);
      for (const w of cell.weights) w.variable.dispose();
    });
  }

  it('checks shapes like the cell does', () => {
    const cell = lstmCell({ inputSize: 3, units: 2 });
    const state = cell.initialState(1);
    expect(() => lstmStepGates(cell, tf.zeros([1, 5]) as tf.Tensor2D, state)).toThrow(ShapeError);
    expect(() => lstmStepGates(cell, tf.zeros([1, 5]) as tf.Tensor2D, state)).toThrow(
      /lstmStepGates: expected x of shape \[batch, 3\]/,
    );
  });
});
