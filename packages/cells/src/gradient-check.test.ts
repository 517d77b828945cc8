/**
 * Finite-difference gradient checks for every cell, in float32 on cpu: central differences
 * with step 1e-2 on the loss sum(sequence * c) (masked), at 6 seeded entries of x and of each
 * weight, against the analytic gradient from tf.variableGrads. Tolerance:
 * |fd - analytic| <= 1e-3 * max(1, |analytic|). Measured worst: 2.4e-4 (tanh RNN), <= 5e-5
 * for the others; float32 rounding of the loss over the step is ~1e-5, truncation ~1e-4.
 * GRU-D, whose side inputs and relu decays need inputs kept off the kinks, has its own
 * check of the same kind in gru-d-cell.test.ts (worst 2.5e-4).
 */
import { createRandom } from '@recurrent/random';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { bidirectional } from './bidirectional.js';
import type { Cell } from './cell.js';
import { gruCell } from './gru-cell.js';
import { lstmCell } from './lstm-cell.js';
import { runRnn } from './run-rnn.js';
import { simpleRnnCell } from './simple-rnn-cell.js';
import { stackCells } from './stack-cells.js';
import { useBackend } from './test-utils/backends.js';

const B = 2;
const T = 4;
const D = 3;
const EPS = 1e-2;
const TOL = 1e-3;
const SAMPLES = 6;

beforeAll(() => useBackend('cpu'));

const cells: Record<string, () => Cell> = {
  'simpleRnn tanh': () => simpleRnnCell({ inputSize: D, units: 3, seed: 1 }),
  'simpleRnn relu': () => simpleRnnCell({ inputSize: D, units: 3, activation: 'relu', seed: 2 }),
  'lstm sigmoid': () => lstmCell({ inputSize: D, units: 3, seed: 3 }),
  'lstm hardSigmoid': () =>
    lstmCell({ inputSize: D, units: 3, recurrentActivation: 'hardSigmoid', seed: 4 }),
  'gru resetAfter': () => gruCell({ inputSize: D, units: 3, seed: 5 }),
  'gru resetBefore': () => gruCell({ inputSize: D, units: 3, resetAfter: false, seed: 6 }),
  stack: () =>
    stackCells([
      lstmCell({ inputSize: D, units: 3, seed: 7, name: 'a' }),
      gruCell({ inputSize: 3, units: 2, seed: 8, name: 'b' }),
    ]),
  bidirectional: () =>
    bidirectional(
      lstmCell({ inputSize: D, units: 2, seed: 9, name: 'f' }),
      gruCell({ inputSize: D, units: 2, seed: 10, name: 'r' }),
    ),
};

describe('finite-difference gradient checks', () => {
  for (const [name, make] of Object.entries(cells)) {
    for (const fused of [false, true]) {
      it(`${name} (fused ${fused})`, () => {
        const cell = make();
        // Give the biases non-zero values so their gradients are exercised off zero.
        const rng = createRandom(11);
        for (const w of cell.weights) {
          const v = w.variable.dataSync().map((a) => a + 0.1 * rng.normal());
          tf.tidy(() => w.variable.assign(tf.tensor(v, w.variable.shape)));
        }
        const x = tf.variable(
          tf.tensor3d(
            Array.from({ length: B * T * D }, () => rng.normal()),
            [B, T, D],
          ),
        );
        const mask = tf.tensor2d([
          [1, 1, 1, 1],
          [1, 1, 1, 0],
        ]);
        const c = tf.tensor3d(
          Array.from({ length: B * T * cell.outputSize }, () => rng.normal()),
          [B, T, cell.outputSize],
        );
        const loss = () =>
          tf.tidy(() => {
            const r = runRnn(cell, x as tf.Variable<tf.Rank.R3>, {
              mask,
              returnSequences: true,
              fused,
            });
            return tf.sum(tf.mul(r.sequence!, c)) as tf.Scalar;
          });
        const vars = [x, ...cell.weights.map((w) => w.variable)];
        const { grads } = tf.variableGrads(loss, vars);
        let worst = 0;
        for (const v of vars) {
          const analytic = grads[v.name]!.dataSync();
          const values = v.dataSync().slice();
          for (let k = 0; k < SAMPLES; k++) {
            const i = rng.int(values.length);
            const at = (delta: number): number => {
              const copy = values.slice();
              copy[i] = copy[i]! + delta;
              tf.tidy(() => v.assign(tf.tensor(copy, v.shape)));
              return tf.tidy(() => loss().dataSync()[0]!);
            };
            const fd = (at(EPS) - at(-EPS)) / (2 * EPS);
            tf.tidy(() => v.assign(tf.tensor(values, v.shape)));
            const err = Math.abs(fd - analytic[i]!) / Math.max(1, Math.abs(analytic[i]!));
            worst = Math.max(worst, err);
          }
        }
        expect(worst).toBeLessThan(TOL);
      });
    }
  }
});
