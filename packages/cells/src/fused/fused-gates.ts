/**
 * Gate activations of the fused paths and their derivatives, written in terms of the
 * activation's OUTPUT so the backward pass needs no pre-activations: `sigmoid'` is
 * `a (1 - a)`, tfjs-layers' `hardSigmoid` `clip(0.2 z + 0.5, 0, 1)` has slope 0.2 where
 * `0 < a < 1` and 0 where it is clipped, `tanh'` is `1 - a^2`, `relu'` is `a > 0`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { hardSigmoid, type RecurrentActivation } from '../recurrent-activation.js';

/** The gate activation `name` applied to pre-activations `z`. */
export function gate<T extends tf.Tensor>(name: RecurrentActivation, z: T): T {
  return name === 'hardSigmoid' ? hardSigmoid(z) : tf.sigmoid(z);
}

/** d gate / d z from the gate's values `a`. */
export function gateSlope<T extends tf.Tensor>(name: RecurrentActivation, a: T): T {
  if (name === 'hardSigmoid') {
    const inside = tf.logicalAnd(tf.greater(a, 0), tf.less(a, 1));
    return tf.mul(tf.cast(inside, 'float32'), 0.2);
  }
  return tf.mul(a, tf.sub(1, a));
}

/** d tanh / d z from tanh's values `a`: `1 - a^2`. */
export function tanhSlope<T extends tf.Tensor>(a: T): T {
  return tf.sub(1, tf.square(a));
}

/** d relu / d z from relu's values `a`: 1 where `a > 0`, else 0. */
export function reluSlope<T extends tf.Tensor>(a: T): T {
  return tf.cast(tf.greater(a, 0), 'float32') as T;
}
