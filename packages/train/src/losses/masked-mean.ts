/**
 * The mean of per-step losses over real steps only: `sum(loss * mask) / sum(mask)`.
 * Mask convention: 1 = real step, 0 = padding. An all-padding batch gives 0, not NaN.
 */
import * as tf from '@tensorflow/tfjs-core';

export type Reduction = 'mean' | 'sum';

/**
 * Reduces `perStep` (any shape) with an optional `mask` of the same shape.
 * `mean` divides by the number of real steps; `sum` returns the masked sum (for callers that
 * pool several batches and divide once, e.g. validation loss per token).
 */
export function maskedReduce(
  perStep: tf.Tensor,
  mask: tf.Tensor | null | undefined,
  reduction: Reduction,
): tf.Scalar {
  return tf.tidy(() => {
    const weighted = mask ? tf.mul(perStep, tf.cast(mask, 'float32')) : perStep;
    const total = tf.sum(weighted); // []
    if (reduction === 'sum') return total as tf.Scalar;
    const count = mask ? tf.sum(tf.cast(mask, 'float32')) : tf.scalar(perStep.size); // []
    // count 0 (all padding): total is exactly 0, so dividing by max(count, 1) gives 0, not NaN.
    // A 0/1 mask has count >= 1 otherwise, so the max never changes a real mean.
    return tf.div(total, tf.maximum(count, 1)) as tf.Scalar;
  });
}
