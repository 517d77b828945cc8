/**
 * The LSTM cell (Hochreiter & Schmidhuber 1997, with a forget gate), in the Keras layout:
 * `kernel` `[inputSize, 4*units]`, `recurrentKernel` `[units, 4*units]`, `bias`
 * `[4*units]`, gates (i, f, c, o) along the last axis. State is `[h, c]`:
 *
 *   z = x K + h R + b;  i = s(z_i);  f = s(z_f);  o = s(z_o)
 *   c' = f * c + i * tanh(z_c);  h' = o * tanh(c')
 *
 * `s` is `sigmoid` (default, as PyTorch and Keras 2+) or tfjs-layers' `hardSigmoid`.
 * With `recurrentBias: true` the cell also trains PyTorch's second bias,
 * `<name>/recurrent_bias` `[4*units]` (`bias_hh`), and `b` is the sum of the two.
 */
import { ConfigError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import type { LstmCell, StepResult } from './cell.js';
import { checkChoice, checkInteger } from './check-shape.js';
import { checkStep } from './check-step.js';
import { namedVariable } from './named-variable.js';
import {
  type RecurrentActivation,
  recurrentActivation,
  recurrentActivations,
} from './recurrent-activation.js';
import { type RecurrentInitializer, recurrentWeights } from './recurrent-weights.js';

export interface LstmCellOptions {
  readonly inputSize: number;
  readonly units: number;
  readonly recurrentActivation?: RecurrentActivation;
  /** Initialise the forget-gate bias to 1 (Jozefowicz et al. 2015). */
  readonly unitForgetBias?: boolean;
  /** 'keras' (Glorot + orthogonal, bias zeros) or 'pytorch' (everything uniform +-1/sqrt(units)). */
  readonly initializer?: RecurrentInitializer;
  /** Also train a second bias `<name>/recurrent_bias` (PyTorch's `bias_hh`), added to the gates. */
  readonly recurrentBias?: boolean;
  /** Weight name prefix: `<name>/kernel`, `<name>/recurrent_kernel`, `<name>/bias`. */
  readonly name?: string;
  /** Seed of the initialisers (through `@recurrent/random`). */
  readonly seed?: number;
}

export const lstmCellDefaults = Object.freeze({
  recurrentActivation: 'sigmoid' as RecurrentActivation, // PyTorch's and Keras 2's gates; tfjs-layers defaults to hardSigmoid
  unitForgetBias: true, // start by remembering: helps gradients flow early in training
  initializer: 'keras' as RecurrentInitializer, // Keras' init: Keras models import as they trained
  recurrentBias: false, // one bias, as Keras; PyTorch's two train the same sum at twice the rate
  name: 'lstm_0', // stable weight names for checkpoints; give each cell of a model its own
  seed: 0, // the same weights on every run unless another seed is asked for
});

/**
 * @example
 * const cell = lstmCell({ inputSize: 8, units: 16, name: 'encoder' });
 * const { output, state } = runRnn(cell, tf.zeros([2, 5, 8])); // [2, 16], [h, c]
 */
export function lstmCell(options: LstmCellOptions): LstmCell {
  const who = 'lstmCell';
  const o = { ...lstmCellDefaults, ...options };
  const inputSize = checkInteger(who, 'inputSize', o.inputSize, 1);
  const units = checkInteger(who, 'units', o.units, 1);
  const gateActivation = checkChoice(
    who,
    'recurrentActivation',
    o.recurrentActivation,
    recurrentActivations,
  );
  const gates = 4 * units;
  const biasValues = new Float32Array(gates);
  if (o.unitForgetBias) biasValues.fill(1, units, 2 * units); // the f block
  if (typeof o.recurrentBias !== 'boolean') {
    throw new ConfigError(
      `${who}: expected recurrentBias to be true or false, got ${JSON.stringify(o.recurrentBias)}. Pass recurrentBias: true for PyTorch's second bias (bias_hh).`,
    );
  }
  const { kernel, recurrent, bias, drawBias } = recurrentWeights({
    who,
    initializer: o.initializer,
    name: o.name,
    seed: o.seed,
    inputSize,
    units,
    columns: gates,
    bias: biasValues,
    biasShape: [gates],
  });
  const second = o.recurrentBias
    ? namedVariable(`${o.name}/recurrent_bias`, drawBias(new Float32Array(gates)), [gates])
    : undefined;

  const cell: LstmCell = {
    kind: 'lstm',
    name: o.name,
    inputSize,
    outputSize: units,
    stateSize: Object.freeze([units, units]),
    weights: Object.freeze(second ? [kernel, recurrent, bias, second] : [kernel, recurrent, bias]),
    units,
    recurrentActivation: gateActivation,
    kernel: kernel.variable,
    recurrentKernel: recurrent.variable,
    bias: bias.variable,
    ...(second ? { recurrentBias: second.variable } : {}),
    initialState: (batch) => [tf.zeros([batch, units]), tf.zeros([batch, units])],
    step(x, state): StepResult {
      const [h, c] = checkStep(`${who}.step`, cell, x, state) as [tf.Tensor2D, tf.Tensor2D];
      return tf.tidy(() => {
        const b = second ? tf.add(bias.variable, second.variable) : bias.variable; // [4*units]
        const z = tf.add(
          tf.add(tf.matMul(x, kernel.variable), tf.matMul(h, recurrent.variable)),
          b,
        ); // [batch, 4*units]
        const [zi, zf, zc, zo] = tf.split(z, 4, 1) as tf.Tensor2D[]; // 4 x [batch, units]
        const i = recurrentActivation(gateActivation, zi!); // [batch, units]
        const f = recurrentActivation(gateActivation, zf!); // [batch, units]
        const o = recurrentActivation(gateActivation, zo!); // [batch, units]
        const cNext: tf.Tensor2D = tf.add(tf.mul(f, c), tf.mul(i, tf.tanh(zc!))); // [batch, units]
        const hNext: tf.Tensor2D = tf.mul(o, tf.tanh(cNext)); // [batch, units]
        return { output: hNext, state: [hNext, cNext] };
      });
    },
  };
  return Object.freeze(cell);
}
