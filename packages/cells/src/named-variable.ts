/**
 * Creates a trainable variable with a stable weight name (`lstm_0/kernel`). The tfjs
 * variable itself gets an engine-generated unique name, so two models with the same weight
 * names can live side by side (tfjs refuses two variables with one name).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { NamedWeight } from './cell.js';

export function namedVariable(
  name: string,
  values: Float32Array,
  shape: readonly number[],
): NamedWeight {
  const variable = tf.tidy(() => tf.variable(tf.tensor(values, shape as number[], 'float32')));
  return Object.freeze({ name, variable });
}
