/**
 * One LSTM step that also returns its gates, for pages and notebooks that show them (the
 * demo's cell lab and hidden-state view). The same equations and weights as `lstmCell`'s
 * step (Keras order i, f, c, o; the cell's own recurrent activation):
 *
 *   z = x K + h R + b;  i = s(z_i);  f = s(z_f);  o = s(z_o);  g = tanh(z_c)
 *   c' = f * c + i * g;  h' = o * tanh(c')
 *
 * `state` equals what `cell.step(x, [h, c]).state` returns (a test checks it).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LstmCell } from './cell.js';
import { checkStep } from './check-step.js';
import { recurrentActivation } from './recurrent-activation.js';

export interface LstmStepGates {
  /** The new state `[h', c']`, each `[batch, units]` (h' is also the step's output). */
  readonly state: [tf.Tensor2D, tf.Tensor2D];
  /** The input gate after its activation. */
  readonly i: tf.Tensor2D; // [batch, units]
  /** The forget gate after its activation. */
  readonly f: tf.Tensor2D; // [batch, units]
  /** The output gate after its activation. */
  readonly o: tf.Tensor2D; // [batch, units]
  /** The candidate cell value tanh(z_c). */
  readonly g: tf.Tensor2D; // [batch, units]
}

/**
 * Steps `cell` on `x` `[batch, inputSize]` from `[h, c]`; the caller owns the six results.
 *
 * @example
 * const cell = lstmCell({ inputSize: 3, units: 4 });
 * const { state, i, f, o, g } = lstmStepGates(cell, tf.ones([1, 3]), cell.initialState(1));
 * f.print(); // [1, 4]: how much of c each unit keeps
 */
export function lstmStepGates(cell: LstmCell, x: tf.Tensor2D, state: tf.Tensor2D[]): LstmStepGates {
  const [h, c] = checkStep('lstmStepGates', cell, x, state) as [tf.Tensor2D, tf.Tensor2D];
  return tf.tidy(() => {
    const b = cell.recurrentBias ? tf.add(cell.bias, cell.recurrentBias) : cell.bias; // [4*units]
    const z = tf.add(tf.add(tf.matMul(x, cell.kernel), tf.matMul(h, cell.recurrentKernel)), b); // [batch, 4*units]
    const [zi, zf, zc, zo] = tf.split(z, 4, 1) as tf.Tensor2D[]; // 4 x [batch, units]
    const i = recurrentActivation(cell.recurrentActivation, zi!); // [batch, units]
    const f = recurrentActivation(cell.recurrentActivation, zf!); // [batch, units]
    const o = recurrentActivation(cell.recurrentActivation, zo!); // [batch, units]
    const g: tf.Tensor2D = tf.tanh(zc!); // [batch, units]
    const cNext: tf.Tensor2D = tf.add(tf.mul(f, c), tf.mul(i, g)); // [batch, units]
    const hNext: tf.Tensor2D = tf.mul(o, tf.tanh(cNext)); // [batch, units]
    const next: [tf.Tensor2D, tf.Tensor2D] = [hNext, cNext];
    return { state: next, i, f, o, g };
  });
}
