/**
 * Argument checks and sizes shared by the fused sequence paths (`lstmSequence`,
 * `gruSequence`, `rnnSequence`). Each failure is a `ShapeError` that says what was expected,
 * what came, and how to fix it.
 */
import { ShapeError } from '@recurrent/errors';
import type * as tf from '@tensorflow/tfjs-core';
import { checkShape } from '../check-shape.js';
import { checkSequenceOptions } from '../check-step.js';
import type { RnnOptions } from '../rnn-options.js';

/** The options every fused path takes (a subset of `runRnn`'s). */
export type FusedSequenceOptions = Pick<
  RnnOptions,
  'mask' | 'initialState' | 'returnSequences' | 'reverse'
>;

/** The weights of one recurrent layer in the Keras layout. */
export interface FusedWeights {
  readonly kernel: tf.Tensor; // [inputSize, gates*units]
  readonly recurrentKernel: tf.Tensor; // [units, gates*units]
  readonly bias: tf.Tensor; // [gates*units] (GRU resetAfter: [2, 3*units])
}

export interface FusedSizes {
  readonly batch: number;
  readonly time: number;
  readonly inputSize: number;
  readonly units: number;
}

/**
 * Checks `x` `[batch, time, in]`, the weights (`gates` blocks of `units` columns), the mask
 * `[batch, time]` and `stateCount` initial states `[batch, units]`; returns the sizes.
 */
export function checkFusedInputs(
  who: string,
  x: tf.Tensor3D,
  weights: FusedWeights,
  options: FusedSequenceOptions,
  gates: number,
  biasShape: (units: number) => number[],
  stateCount: number,
): FusedSizes {
  checkShape(
    who,
    'x',
    x,
    ['batch', 'time', 'inputSize'],
    'Pass batch-major sequences [batch, time, inputSize].',
  );
  const [batch, time, inputSize] = x.shape;
  if (batch < 1 || time < 1) {
    throw new ShapeError(
      `${who}: expected x with at least one sequence and one time step, got [${x.shape.join(', ')}]. Pass batch-major sequences [batch, time, inputSize].`,
    );
  }
  const recurrent = weights?.recurrentKernel;
  checkShape(
    who,
    'weights.recurrentKernel',
    recurrent,
    ['units', `${gates}*units`],
    `Pass the layer's recurrent kernel [units, ${gates}*units] (cell.recurrentKernel).`,
  );
  const units = recurrent.shape[0]!;
  const width = gates * units;
  checkShape(
    who,
    'weights.recurrentKernel',
    recurrent,
    [units, width],
    `Its columns are ${gates} gate blocks of ${units} units.`,
  );
  checkShape(
    who,
    'weights.kernel',
    weights.kernel,
    [inputSize, width],
    `The kernel maps the ${inputSize} input features of x to ${gates} gate blocks of ${units} units.`,
  );
  checkShape(
    who,
    'weights.bias',
    weights.bias,
    biasShape(units),
    'Pass the layer bias (cell.bias).',
  );
  const stateSize = new Array<number>(stateCount).fill(units);
  checkSequenceOptions(who, { stateSize }, batch, time, options);
  return { batch, time, inputSize, units };
}
