/**
 * The three weights of every recurrent cell, in the Keras layout and with stable names:
 * `<name>/kernel` `[inputSize, columns]` (Glorot uniform), `<name>/recurrent_kernel`
 * `[units, columns]` (orthogonal) and `<name>/bias` (the given values), where `columns` is
 * all gates together (`4*units` for an LSTM). Both initialisers draw from one generator
 * seeded with `seed`, the kernel first, so a seed always gives the same weights.
 */
import { createRandom } from '@recurrent/random';
import type { NamedWeight } from './cell.js';
import { glorotUniform } from './glorot-uniform.js';
import { namedVariable } from './named-variable.js';
import { orthogonal } from './orthogonal.js';

export interface RecurrentWeightsOptions {
  /** Weight name prefix, e.g. `lstm_0`. */
  readonly name: string;
  readonly seed: number;
  readonly inputSize: number;
  readonly units: number;
  /** Columns of the kernels: all gates together. */
  readonly columns: number;
  /** Initial bias values and their shape (`[columns]`, or `[2, columns]` for a resetAfter GRU). */
  readonly bias: Float32Array;
  readonly biasShape: readonly number[];
}

export interface RecurrentWeights {
  readonly kernel: NamedWeight; // [inputSize, columns]
  readonly recurrent: NamedWeight; // [units, columns]
  readonly bias: NamedWeight; // biasShape
}

export function recurrentWeights(o: RecurrentWeightsOptions): RecurrentWeights {
  const rng = createRandom(o.seed);
  const { inputSize, units, columns } = o;
  const kernel = namedVariable(`${o.name}/kernel`, glorotUniform(rng, inputSize, columns), [
    inputSize,
    columns,
  ]);
  const recurrent = namedVariable(`${o.name}/recurrent_kernel`, orthogonal(rng, units, columns), [
    units,
    columns,
  ]);
  const bias = namedVariable(`${o.name}/bias`, o.bias, o.biasShape);
  return { kernel, recurrent, bias };
}
