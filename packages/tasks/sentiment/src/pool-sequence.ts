/**
 * Pooling over the real steps only: a padded step never enters the sentence vector.
 * Masks are `[batch, time]` float32 with 1 = real step, 0 = padding.
 *
 * - `last`: the state at each row's last real step (what `runRnn` returns as `output`;
 *   for a bidirectional layer the forward state there and the backward state at step 0).
 * - `mean`: the average of the real steps' outputs.
 * - `max`: the element-wise maximum over the real steps (padding set to -1e9 first).
 *
 * `prefixPool` gives the same for every prefix from one pass: row b, step t is the pooled
 * vector of the first t + 1 tokens (a unidirectional layer's outputs do not depend on what
 * comes later, so one pass gives every prefix).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Pooling } from './sentiment-defaults.js';

const NEG = -1e9; // below any tanh or ReLU output: padded steps never win the max

/**
 * @example
 * poolSequence('mean', sequence, mask, output); // [batch, time, units] -> [batch, units]
 */
export function poolSequence(
  pooling: Pooling,
  sequence: tf.Tensor3D,
  mask: tf.Tensor2D,
  last: tf.Tensor2D,
): tf.Tensor2D {
  if (pooling === 'last') return last;
  return tf.tidy(() => {
    const m = tf.expandDims(mask, 2); // [batch, time, 1]
    if (pooling === 'mean') {
      const sum = tf.sum(tf.mul(sequence, m), 1); // [batch, units]
      const count = tf.maximum(tf.sum(m, 1), 1); // [batch, 1]: fill rows (length 0) divide by 1
      return tf.div(sum, count) as tf.Tensor2D;
    }
    const masked = tf.add(tf.mul(sequence, m), tf.mul(tf.sub(1, m), NEG)); // [batch, time, units]
    const max = tf.max(masked, 1) as tf.Tensor2D; // [batch, units]
    const any = tf.minimum(tf.sum(m, 1), 1); // [batch, 1]: 0 for fill rows
    return tf.mul(max, any) as tf.Tensor2D; // fill rows give zeros, not -1e9
  });
}

/** Pooled vectors of every prefix: `[batch, time, units]` -> `[batch, time, units]`. */
export function prefixPool(
  pooling: Pooling,
  sequence: tf.Tensor3D,
  mask: tf.Tensor2D,
): tf.Tensor3D {
  return tf.tidy(() => {
    const m = tf.expandDims(mask, 2); // [batch, time, 1]
    if (pooling === 'last') return sequence; // the state after token t is the prefix's last state
    if (pooling === 'mean') {
      const sums = tf.cumsum(tf.mul(sequence, m), 1); // [batch, time, units]
      const counts = tf.maximum(tf.cumsum(m, 1), 1); // [batch, time, 1]
      return tf.div(sums, counts) as tf.Tensor3D;
    }
    const steps = tf.unstack(tf.add(tf.mul(sequence, m), tf.mul(tf.sub(1, m), NEG)), 1); // time x [batch, units]
    const running: tf.Tensor2D[] = [];
    let best = steps[0] as tf.Tensor2D;
    for (const step of steps) {
      best = tf.maximum(best, step) as tf.Tensor2D; // [batch, units]
      running.push(best);
    }
    return tf.stack(running, 1) as tf.Tensor3D; // [batch, time, units]
  });
}
