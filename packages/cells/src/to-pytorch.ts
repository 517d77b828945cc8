/**
 * Import and export in PyTorch's layout (`nn.RNN`, `nn.LSTM`, `nn.GRU` `state_dict()`):
 * `weight_ih_l{k}[_reverse]` `[gates*H, in]`, `weight_hh_l{k}[_reverse]` `[gates*H, H]`,
 * `bias_ih_l{k}[_reverse]`, `bias_hh_l{k}[_reverse]` `[gates*H]`.
 *
 * - Matrices are transposed (ours are `[in, gates*H]`, Keras' layout).
 * - LSTM: PyTorch's gate order i, f, g, o is Keras' i, f, c, o: no reordering.
 * - GRU: PyTorch's r, z, n becomes Keras' z, r, h (the first two blocks swap). PyTorch's GRU
 *   is Keras' `resetAfter: true` (two biases: row 0 input, row 1 recurrent); a
 *   `resetAfter: false` GRU has no PyTorch equivalent.
 * - RNN and LSTM have one bias: import sums `bias_ih + bias_hh`; export puts it all in
 *   `bias_ih` and zeros in `bias_hh` (the same function). An LSTM made with
 *   `recurrentBias: true` carries both: `bias` is `bias_ih`, `recurrent_bias` is `bias_hh`.
 * - PyTorch's gates are sigmoids: `hardSigmoid` cells are refused.
 */
import { ConfigError, ShapeError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import type { Cell } from './cell.js';
import { type BaseCell, pytorchLayers } from './pytorch-layers.js';

/** Swaps the first two of three blocks along `axis` (GRU r,z,n <-> z,r,h; its own inverse). */
function swapGruBlocks(t: tf.Tensor, axis: number): tf.Tensor {
  const [a, b, c] = tf.split(t, 3, axis);
  return tf.concat([b!, a!, c!], axis);
}

function checkExportable(who: string, cell: BaseCell): void {
  if (cell.kind !== 'rnn' && cell.recurrentActivation !== 'sigmoid') {
    throw new ConfigError(
      `${who}: "${cell.name}" uses recurrentActivation '${cell.recurrentActivation}', but PyTorch's gates are sigmoids. Create the cell with recurrentActivation: 'sigmoid'.`,
    );
  }
  if (cell.kind === 'gru' && !cell.resetAfter) {
    throw new ConfigError(
      `${who}: "${cell.name}" has resetAfter: false, but PyTorch's GRU applies the reset gate after the recurrent matmul. Create the cell with resetAfter: true.`,
    );
  }
}

/**
 * The model's weights as a PyTorch `state_dict` of new tensors (the caller disposes them).
 *
 * @example
 * const sd = toPytorch(lstmCell({ inputSize: 3, units: 4 }));
 * // { weight_ih_l0: [16, 3], weight_hh_l0: [16, 4], bias_ih_l0: [16], bias_hh_l0: [16] }
 */
export function toPytorch(model: Cell): Record<string, tf.Tensor> {
  const who = 'toPytorch';
  const out: Record<string, tf.Tensor> = {};
  for (const { suffix, cell } of pytorchLayers(who, model)) {
    checkExportable(who, cell);
    const tensors = tf.tidy(() => {
      const gru = cell.kind === 'gru';
      const ih = tf.transpose(cell.kernel); // [gates*H, in]
      const hh = tf.transpose(cell.recurrentKernel); // [gates*H, H]
      if (gru) {
        const [bIn, bRec] = tf.unstack(cell.bias); // 2 x [3H]
        return [
          swapGruBlocks(ih, 0),
          swapGruBlocks(hh, 0),
          swapGruBlocks(bIn!, 0),
          swapGruBlocks(bRec!, 0),
        ];
      }
      const second = cell.kind === 'lstm' ? cell.recurrentBias : undefined; // [4H]
      return [ih, hh, tf.clone(cell.bias), second ? tf.clone(second) : tf.zerosLike(cell.bias)];
    });
    out[`weight_ih${suffix}`] = tensors[0]!;
    out[`weight_hh${suffix}`] = tensors[1]!;
    out[`bias_ih${suffix}`] = tensors[2]!;
    out[`bias_hh${suffix}`] = tensors[3]!;
  }
  return out;
}

/**
 * Loads a PyTorch `state_dict` (tensors or nested arrays) into the model's variables.
 * Every expected name must be present and no other; shapes must match.
 */
export function fromPytorch(
  model: Cell,
  dict: Readonly<Record<string, tf.Tensor | tf.TensorLike>>,
): void {
  const who = 'fromPytorch';
  const layers = pytorchLayers(who, model);
  const expected = layers.flatMap(({ suffix }) =>
    ['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh'].map((p) => `${p}${suffix}`),
  );
  const missing = expected.filter((n) => !(n in dict));
  const unknown = Object.keys(dict).filter((n) => !expected.includes(n));
  if (missing.length > 0 || unknown.length > 0) {
    throw new ConfigError(
      `${who}: the state_dict does not fit this model (missing: [${missing.join(', ')}]; unknown: [${unknown.join(', ')}]). Build the model with the same layers and directions as the PyTorch module.`,
    );
  }
  tf.tidy(() => {
    const get = (name: string): tf.Tensor => {
      const v = dict[name]!;
      return v instanceof tf.Tensor ? tf.cast(v, 'float32') : tf.tensor(v, undefined, 'float32');
    };
    const updates: [tf.Variable, tf.Tensor][] = [];
    for (const { suffix, cell } of layers) {
      checkExportable(who, cell);
      const gru = cell.kind === 'gru';
      const fix = (t: tf.Tensor) => (gru ? swapGruBlocks(t, t.rank - 1) : t);
      const kernel = fix(tf.transpose(get(`weight_ih${suffix}`))); // [in, gates*H]
      const recurrent = fix(tf.transpose(get(`weight_hh${suffix}`))); // [H, gates*H]
      const bIh = get(`bias_ih${suffix}`);
      const bHh = get(`bias_hh${suffix}`);
      const second = cell.kind === 'lstm' ? cell.recurrentBias : undefined; // [4H]
      const pairs: [tf.Variable, tf.Tensor, string][] = [
        [cell.kernel, kernel, `weight_ih${suffix}`],
        [cell.recurrentKernel, recurrent, `weight_hh${suffix}`],
      ];
      if (second) {
        pairs.push([cell.bias, bIh, `bias_ih${suffix}`], [second, bHh, `bias_hh${suffix}`]);
      } else {
        const bias = gru ? tf.stack([fix(bIh), fix(bHh)]) : tf.add(bIh, bHh); // [2, 3H] or [gates*H]
        pairs.push([cell.bias, bias, `bias_ih${suffix}/bias_hh${suffix}`]);
      }
      for (const [variable, value, name] of pairs) {
        if (value.shape.join(',') !== variable.shape.join(',')) {
          throw new ShapeError(
            `${who}: "${name}" gives "${cell.name}" a weight of shape [${value.shape.join(', ')}], expected [${variable.shape.join(', ')}]. Check inputSize and units against the PyTorch module's input_size and hidden_size.`,
          );
        }
        updates.push([variable, value]);
      }
    }
    // Assign only after every shape is checked, so a bad dictionary changes nothing.
    for (const [variable, value] of updates) variable.assign(value);
  });
}
