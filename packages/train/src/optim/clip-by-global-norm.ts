/**
 * Gradient clipping by global norm: when the L2 norm of all gradients together exceeds
 * `clipNorm`, every gradient is scaled by clipNorm / norm (their direction is kept).
 * The pre-clip norm is returned so the loop can report it.
 */
import * as tf from '@tensorflow/tfjs-core';

/**
 * `grads` may hold nulls (variables the loss does not reach); they stay null.
 * `clipNorm` null or Infinity: no clipping, only the norm.
 */
export function clipByGlobalNorm(
  grads: readonly (tf.Tensor | null)[],
  clipNorm: number | null,
): { grads: (tf.Tensor | null)[]; norm: tf.Scalar } {
  const present = grads.filter((g): g is tf.Tensor => g !== null);
  const [norm, ...clipped] = tf.tidy(() => {
    const squares = present.map((g) => tf.sum(tf.square(g)));
    const total = tf.sqrt(squares.length > 0 ? tf.addN(squares) : tf.scalar(0)); // []
    if (clipNorm === null || clipNorm === Number.POSITIVE_INFINITY) {
      return [total, ...present.map((g) => tf.clone(g))];
    }
    const scale = tf.div(clipNorm, tf.maximum(total, clipNorm)); // [] 1 when norm <= clipNorm
    return [total, ...present.map((g) => tf.mul(g, scale))];
  });
  let next = 0;
  return {
    grads: grads.map((g) => (g === null ? null : (clipped[next++] as tf.Tensor))),
    norm: norm as tf.Scalar,
  };
}
