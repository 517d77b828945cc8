/**
 * The gate activations of LSTM and GRU cells: `sigmoid` (our default, as in PyTorch and
 * Keras 2+) and tfjs-layers' `hardSigmoid`, `clip(0.2 x + 0.5, 0, 1)` (its definition, so
 * that weights move between the two and give the same numbers).
 */
import * as tf from '@tensorflow/tfjs-core';

export type RecurrentActivation = 'sigmoid' | 'hardSigmoid';

export const recurrentActivations: readonly RecurrentActivation[] = Object.freeze([
  'sigmoid',
  'hardSigmoid',
]);

/** tfjs-layers' hard sigmoid: `clip(0.2 x + 0.5, 0, 1)`. */
export function hardSigmoid<T extends tf.Tensor>(x: T): T {
  return tf.tidy(() => tf.clipByValue(tf.add(0.5, tf.mul(0.2, x)), 0, 1) as T);
}

/** Applies the named gate activation. */
export function recurrentActivation<T extends tf.Tensor>(name: RecurrentActivation, x: T): T {
  return name === 'hardSigmoid' ? hardSigmoid(x) : tf.sigmoid(x);
}
