/**
 * The GRU cell (Cho et al. 2014) in the Keras layout, gates (z, r, h) along the last axis:
 * `kernel` `[inputSize, 3*units]`, `recurrentKernel` `[units, 3*units]`. State is `[h]`.
 *
 * resetAfter: true (Keras/cuDNN default, equal to PyTorch's `nn.GRU`), bias `[2, 3*units]`:
 *   a = x K + b[0];  u = h R + b[1];  z = s(a_z + u_z);  r = s(a_r + u_r)
 *   n = tanh(a_h + r * u_h)
 * resetAfter: false (tfjs-layers' GRU), bias `[3*units]`:
 *   a = x K + b;  z = s(a_z + h R_z);  r = s(a_r + h R_r);  n = tanh(a_h + (r * h) R_h)
 * and in both  h' = z * h + (1 - z) * n.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GruCell, StepResult } from './cell.js';
import { checkChoice, checkInteger } from './check-shape.js';
import { checkStep } from './check-step.js';
import {
  type RecurrentActivation,
  recurrentActivation,
  recurrentActivations,
} from './recurrent-activation.js';
import { type RecurrentInitializer, recurrentWeights } from './recurrent-weights.js';

export interface GruCellOptions {
  readonly inputSize: number;
  readonly units: number;
  /** Apply the reset gate after the recurrent matmul (Keras/cuDNN/PyTorch) or before (tfjs-layers). */
  readonly resetAfter?: boolean;
  readonly recurrentActivation?: RecurrentActivation;
  /** Weight name prefix: `<name>/kernel`, `<name>/recurrent_kernel`, `<name>/bias`. */
  readonly name?: string;
  /** Seed of the initialisers (through `@recurrent/random`). */
  readonly seed?: number;
  /** 'keras' (Glorot + orthogonal, bias zeros) or 'pytorch' (everything uniform +-1/sqrt(units)). */
  readonly initializer?: RecurrentInitializer;
}

export const gruCellDefaults = Object.freeze({
  resetAfter: true, // Keras/cuDNN default and PyTorch's formula, so PyTorch weights load exactly
  recurrentActivation: 'sigmoid' as RecurrentActivation, // PyTorch's and Keras 2's gates
  name: 'gru_0', // stable weight names for checkpoints; give each cell of a model its own
  seed: 0, // the same weights on every run unless another seed is asked for
  initializer: 'keras' as RecurrentInitializer, // Keras' init: Keras models import as they trained
});

/**
 * @example
 * const cell = gruCell({ inputSize: 8, units: 16 });           // resetAfter: true
 * const { output } = runRnn(cell, tf.zeros([2, 5, 8]));         // [2, 16]
 */
export function gruCell(options: GruCellOptions): GruCell {
  const who = 'gruCell';
  const o = { ...gruCellDefaults, ...options };
  const inputSize = checkInteger(who, 'inputSize', o.inputSize, 1);
  const units = checkInteger(who, 'units', o.units, 1);
  const gateActivation = checkChoice(
    who,
    'recurrentActivation',
    o.recurrentActivation,
    recurrentActivations,
  );
  const resetAfter = o.resetAfter !== false;
  const gates = 3 * units;
  const { kernel, recurrent, bias } = recurrentWeights({
    who,
    initializer: o.initializer,
    name: o.name,
    seed: o.seed,
    inputSize,
    units,
    columns: gates,
    bias: new Float32Array(resetAfter ? 2 * gates : gates),
    biasShape: resetAfter ? [2, gates] : [gates],
  });

  const stepAfter = (x: tf.Tensor2D, h: tf.Tensor2D): tf.Tensor2D => {
    const [bIn, bRec] = tf.unstack(bias.variable) as tf.Tensor1D[]; // 2 x [3*units]
    const a = tf.add(tf.matMul(x, kernel.variable), bIn!); // [batch, 3*units]
    const u = tf.add(tf.matMul(h, recurrent.variable), bRec!); // [batch, 3*units]
    const [az, ar, ah] = tf.split(a, 3, 1) as tf.Tensor2D[]; // 3 x [batch, units]
    const [uz, ur, uh] = tf.split(u, 3, 1) as tf.Tensor2D[]; // 3 x [batch, units]
    const z = recurrentActivation(gateActivation, tf.add(az!, uz!)); // [batch, units]
    const r = recurrentActivation(gateActivation, tf.add(ar!, ur!)); // [batch, units]
    const n = tf.tanh(tf.add(ah!, tf.mul(r, uh!))); // [batch, units]
    return tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), n)); // [batch, units]
  };

  const stepBefore = (x: tf.Tensor2D, h: tf.Tensor2D): tf.Tensor2D => {
    const a = tf.add(tf.matMul(x, kernel.variable), bias.variable); // [batch, 3*units]
    const [az, ar, ah] = tf.split(a, 3, 1) as tf.Tensor2D[]; // 3 x [batch, units]
    const [rZR, rH] = tf.split(recurrent.variable, [2 * units, units], 1) as tf.Tensor2D[];
    const [uz, ur] = tf.split(tf.matMul(h, rZR!), 2, 1) as tf.Tensor2D[]; // 2 x [batch, units]
    const z = recurrentActivation(gateActivation, tf.add(az!, uz!)); // [batch, units]
    const r = recurrentActivation(gateActivation, tf.add(ar!, ur!)); // [batch, units]
    const n = tf.tanh(tf.add(ah!, tf.matMul(tf.mul(r, h), rH!))); // [batch, units]
    return tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), n)); // [batch, units]
  };

  const cell: GruCell = {
    kind: 'gru',
    name: o.name,
    inputSize,
    outputSize: units,
    stateSize: Object.freeze([units]),
    weights: Object.freeze([kernel, recurrent, bias]),
    units,
    resetAfter,
    recurrentActivation: gateActivation,
    kernel: kernel.variable,
    recurrentKernel: recurrent.variable,
    bias: bias.variable,
    initialState: (batch) => [tf.zeros([batch, units])],
    step(x, state): StepResult {
      const [h] = checkStep(`${who}.step`, cell, x, state) as [tf.Tensor2D];
      return tf.tidy(() => {
        const hNext = resetAfter ? stepAfter(x, h) : stepBefore(x, h); // [batch, units]
        return { output: hNext, state: [hNext] };
      });
    },
  };
  return Object.freeze(cell);
}
