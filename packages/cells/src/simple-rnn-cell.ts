/**
 * The lecture's simple RNN cell, exactly `h_t = act(h_{t-1} W + x_t U + b)`, with
 * `act` tanh (default) or relu. `U` is `kernel` `[inputSize, units]`, `W` is
 * `recurrentKernel` `[units, units]`, `b` is `bias` `[units]`; state is `[h]`.
 * Same layout as Keras/tfjs-layers `SimpleRNN`; PyTorch's `nn.RNN` maps by transposing.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { SimpleRnnCell, StepResult } from './cell.js';
import { checkChoice, checkInteger } from './check-shape.js';
import { checkStep } from './check-step.js';
import { type RecurrentInitializer, recurrentWeights } from './recurrent-weights.js';

export interface SimpleRnnCellOptions {
  readonly inputSize: number;
  readonly units: number;
  readonly activation?: 'tanh' | 'relu';
  /** Weight name prefix: `<name>/kernel`, `<name>/recurrent_kernel`, `<name>/bias`. */
  readonly name?: string;
  /** Seed of the initialisers (through `@recurrent/random`). */
  readonly seed?: number;
  /** 'keras' (Glorot + orthogonal, bias zeros) or 'pytorch' (everything uniform +-1/sqrt(units)). */
  readonly initializer?: RecurrentInitializer;
}

export const simpleRnnCellDefaults = Object.freeze({
  activation: 'tanh' as const, // the lecture's equation; bounded, so the state cannot blow up
  name: 'rnn_0', // stable weight names for checkpoints; give each cell of a model its own
  seed: 0, // the same weights on every run unless another seed is asked for
  initializer: 'keras' as RecurrentInitializer, // Keras' init: Keras models import as they trained
});

/**
 * @example
 * const cell = simpleRnnCell({ inputSize: 8, units: 16 });
 * const { output } = runRnn(cell, tf.zeros([2, 5, 8]));   // [2, 16]
 */
export function simpleRnnCell(options: SimpleRnnCellOptions): SimpleRnnCell {
  const who = 'simpleRnnCell';
  const o = { ...simpleRnnCellDefaults, ...options };
  const inputSize = checkInteger(who, 'inputSize', o.inputSize, 1);
  const units = checkInteger(who, 'units', o.units, 1);
  const activation = checkChoice(who, 'activation', o.activation, ['tanh', 'relu'] as const);
  const { kernel, recurrent, bias } = recurrentWeights({
    who,
    initializer: o.initializer,
    name: o.name,
    seed: o.seed,
    inputSize,
    units,
    columns: units,
    bias: new Float32Array(units),
    biasShape: [units],
  });

  const cell: SimpleRnnCell = {
    kind: 'rnn',
    name: o.name,
    inputSize,
    outputSize: units,
    stateSize: Object.freeze([units]),
    weights: Object.freeze([kernel, recurrent, bias]),
    units,
    activation,
    kernel: kernel.variable,
    recurrentKernel: recurrent.variable,
    bias: bias.variable,
    initialState: (batch) => [tf.zeros([batch, units])],
    step(x, state): StepResult {
      const [h] = checkStep(`${who}.step`, cell, x, state) as [tf.Tensor2D];
      return tf.tidy(() => {
        const pre: tf.Tensor2D = tf.add(
          tf.add(tf.matMul(h, recurrent.variable), tf.matMul(x, kernel.variable)),
          bias.variable,
        ); // [batch, units]
        const out: tf.Tensor2D = activation === 'relu' ? tf.relu(pre) : tf.tanh(pre); // [batch, units]
        return { output: out, state: [out] };
      });
    },
  };
  return Object.freeze(cell);
}
