/**
 * The LSTM's forget-gate bias, the knob of the vanishing-gradient lab. At a forget gate
 * f = s(b_f + ...), the cell state keeps about f^k of itself over k steps, so b_f decides
 * how far back a fresh LSTM's gradient reaches before training has learned anything:
 * - `0`: f ~ 0.5 at initialisation; the gradient through c halves every step.
 * - `1`: Jozefowicz et al. 2015 (and our `lstmCell` default): f ~ s(1) = 0.73.
 * - `'chrono'`: Tallec & Ollivier 2018: b_f = log(u), u ~ U[1, T - 1] per unit, and the
 *   input bias b_i = -b_f, so the units' memory spans are spread over 1..T steps.
 *
 * The bias is `[4*units]` in the Keras gate order (i, f, c, o).
 */
import type { LstmCell } from '@recurrent/cells';
import { ConfigError } from '@recurrent/errors';
import { createRandom } from '@recurrent/random';
import * as tf from '@tensorflow/tfjs-core';

export type ForgetBias = 0 | 1 | 'chrono';

export const forgetBiasChoices: readonly ForgetBias[] = Object.freeze([0, 1, 'chrono']);

/**
 * Writes the i and f blocks of `cell.bias` for `forgetBias` (c and o stay as they are).
 * `maxLength` is the T of chrono initialisation (the longest dependency expected).
 *
 * @example
 * setForgetBias(lstmCell({ inputSize: 8, units: 16 }), 'chrono', 60, 3);
 */
export function setForgetBias(
  cell: LstmCell,
  forgetBias: ForgetBias,
  maxLength: number,
  seed = 0,
): void {
  if (!forgetBiasChoices.includes(forgetBias)) {
    throw new ConfigError(
      `setForgetBias: expected forgetBias 0, 1 or 'chrono', got ${JSON.stringify(forgetBias)}.`,
    );
  }
  if (forgetBias === 'chrono' && !(maxLength >= 3)) {
    throw new ConfigError(`setForgetBias: chrono needs maxLength >= 3, got ${maxLength}.`);
  }
  const { units } = cell;
  const input = new Float32Array(units); // the i block
  const forget = new Float32Array(units); // the f block
  const rng = createRandom(seed);
  for (let j = 0; j < units; j++) {
    const bf = forgetBias === 'chrono' ? Math.log(1 + rng.next() * (maxLength - 2)) : forgetBias;
    forget[j] = bf;
    input[j] = forgetBias === 'chrono' ? -bf : 0;
  }
  // No read of the bias (a synchronous read stalls or fails on webgpu in a worker): the c and
  // o blocks are sliced on the device and put back beside the new i and f blocks.
  tf.tidy(() => {
    const rest = tf.slice(cell.bias, [2 * units], [2 * units]); // [2*units]: c, o
    cell.bias.assign(tf.concat([tf.tensor1d(input), tf.tensor1d(forget), rest])); // [4*units]
  });
}
