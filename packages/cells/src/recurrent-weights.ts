/**
 * The three weights of every recurrent cell, in the Keras layout and with stable names:
 * `<name>/kernel` `[inputSize, columns]`, `<name>/recurrent_kernel` `[units, columns]` and
 * `<name>/bias`, where `columns` is all gates together (`4*units` for an LSTM). Two
 * initialisers (`RecurrentInitializer`):
 * - `'keras'` (default): Glorot-uniform kernel, orthogonal recurrent kernel, the given bias
 *   values (Keras and tfjs-layers; what users importing Keras models expect).
 * - `'pytorch'`: every entry of both kernels and of the bias uniform in
 *   `[-1/sqrt(units), 1/sqrt(units)]` (`nn.RNN`/`nn.LSTM`/`nn.GRU`'s `reset_parameters`);
 *   the given bias values are added to the uniform draw (so a forget-gate bias of 1 stays).
 * All draws come from one generator seeded with `seed`, the kernel first, so a seed always
 * gives the same weights.
 */
import { createRandom } from '@recurrent/random';
import type { NamedWeight } from './cell.js';
import { checkChoice } from './check-shape.js';
import { glorotUniform, uniform } from './glorot-uniform.js';
import { namedVariable } from './named-variable.js';
import { orthogonal } from './orthogonal.js';

export type RecurrentInitializer = 'keras' | 'pytorch';

export const recurrentInitializers: readonly RecurrentInitializer[] = Object.freeze([
  'keras',
  'pytorch',
]);

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
  /** How the kernels (and, for 'pytorch', the bias) are drawn. Default 'keras'. */
  readonly initializer?: RecurrentInitializer;
  /** The cell's name for errors, e.g. 'lstmCell'. */
  readonly who?: string;
}

export interface RecurrentWeights {
  readonly kernel: NamedWeight; // [inputSize, columns]
  readonly recurrent: NamedWeight; // [units, columns]
  readonly bias: NamedWeight; // biasShape
  /** Draws more values the way this initialiser draws a bias (a second bias, for example). */
  readonly drawBias: (values: Float32Array) => Float32Array;
}

export function recurrentWeights(o: RecurrentWeightsOptions): RecurrentWeights {
  const init = checkChoice(
    o.who ?? 'recurrentWeights',
    'initializer',
    o.initializer ?? 'keras',
    recurrentInitializers,
  );
  const rng = createRandom(o.seed);
  const { inputSize, units, columns } = o;
  const limit = 1 / Math.sqrt(units); // PyTorch: stdv = 1 / sqrt(hidden_size)
  const drawBias = (values: Float32Array): Float32Array => {
    if (init === 'keras') return values;
    const drawn = uniform(rng, values.length, limit);
    for (let i = 0; i < drawn.length; i++) drawn[i] = drawn[i]! + values[i]!;
    return drawn;
  };
  const kernelValues =
    init === 'keras'
      ? glorotUniform(rng, inputSize, columns)
      : uniform(rng, inputSize * columns, limit);
  const kernel = namedVariable(`${o.name}/kernel`, kernelValues, [inputSize, columns]);
  const recurrentValues =
    init === 'keras' ? orthogonal(rng, units, columns) : uniform(rng, units * columns, limit);
  const recurrent = namedVariable(`${o.name}/recurrent_kernel`, recurrentValues, [units, columns]);
  const bias = namedVariable(`${o.name}/bias`, drawBias(o.bias), o.biasShape);
  return { kernel, recurrent, bias, drawBias };
}
