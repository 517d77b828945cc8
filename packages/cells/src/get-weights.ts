/**
 * Weights by their stable names (`lstm_0/kernel`, ...), in our own layout, which is the
 * Keras/tfjs-layers one. Works for anything with `weights`: cells, stacks, bidirectional
 * pairs, embeddings.
 */
import { ConfigError, ShapeError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import type { NamedWeight } from './cell.js';

export interface HasWeights {
  readonly weights: readonly NamedWeight[];
}

/**
 * The live variables by name. They belong to the model: read them, do not dispose them.
 *
 * @example
 * Object.keys(getWeights(lstmCell({ inputSize: 3, units: 4 })));
 * // ['lstm_0/kernel', 'lstm_0/recurrent_kernel', 'lstm_0/bias']
 */
export function getWeights(model: HasWeights): Record<string, tf.Variable> {
  return Object.fromEntries(model.weights.map((w) => [w.name, w.variable]));
}

export interface SetWeightsOptions {
  /** Throw when `values` lacks a weight of the model or has names the model lacks. Default true. */
  readonly strict?: boolean;
}

/**
 * Assigns `values` (tensors or nested arrays, by name) to the model's variables. Shapes must
 * match exactly; values are copied (the caller keeps ownership of its tensors).
 */
export function setWeights(
  model: HasWeights,
  values: Readonly<Record<string, tf.Tensor | tf.TensorLike>>,
  options: SetWeightsOptions = {},
): void {
  const who = 'setWeights';
  const strict = options.strict !== false;
  const known = new Set(model.weights.map((w) => w.name));
  if (strict) {
    const missing = [...known].filter((n) => !(n in values));
    const unknown = Object.keys(values).filter((n) => !known.has(n));
    if (missing.length > 0 || unknown.length > 0) {
      throw new ConfigError(
        `${who}: the names do not match the model's weights (missing: [${missing.join(', ')}]; unknown: [${unknown.join(', ')}]). The model has [${[...known].join(', ')}]; pass { strict: false } to set only some.`,
      );
    }
  }
  tf.tidy(() => {
    const checked = model.weights
      .filter((w) => w.name in values)
      .map((w) => {
        const value = values[w.name]!;
        const t =
          value instanceof tf.Tensor
            ? tf.cast(value, 'float32')
            : tf.tensor(value, undefined, 'float32');
        if (t.shape.join(',') !== w.variable.shape.join(',')) {
          throw new ShapeError(
            `${who}: expected "${w.name}" of shape [${w.variable.shape.join(', ')}], got [${t.shape.join(', ')}]. Check the layout (ours is Keras': kernel [in, gates*units]); for PyTorch weights use fromPytorch().`,
          );
        }
        return [w, t] as const;
      });
    // Assign only after every shape is checked, so a bad dictionary changes nothing.
    for (const [w, t] of checked) w.variable.assign(t);
  });
}
