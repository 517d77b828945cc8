/**
 * The pieces of the fused backward passes that run once over all steps, as cuDNN does:
 * weight gradients as single matmuls over `[time*batch, ...]` stacks, bias gradients as
 * column sums, the input gradient as one matmul. No transposed matmul is used:
 * tfjs-backend-wasm 4.22 runs `matMul(a, b, true)` ~50x slower than `matMul(transpose(a), b)`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { FusedSizes } from './fused-check.js';
import type { FusedGradients } from './fused-sequence.js';
import { sliceRows } from './fused-slice.js';

/** `a^T b` for `a` `[rows, m]`, `b` `[rows, n]`: `[m, n]`. */
export function transposedProduct(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return tf.matMul(tf.transpose(a), b);
}

/** Column sums of `x` `[rows, cols]`: `[cols]` (one matmul; faster on wasm than `sum(x, 0)`). */
export function columnSums(x: tf.Tensor2D): tf.Tensor1D {
  return tf.reshape(tf.matMul(tf.ones([1, x.shape[0]]), x), [x.shape[1]]);
}

/**
 * The state before each step, time-aligned: row block `t` of the result is the state that
 * step `t` started from. `all` `[time*batch, units]` holds the state after each step (time
 * order), `first` `[batch, units]` the initial state; `reverse` walks time backwards.
 */
export function previousStates(
  all: tf.Tensor2D,
  first: tf.Tensor2D,
  batch: number,
  time: number,
  reverse: boolean,
): tf.Tensor2D {
  if (time === 1) return first;
  const rest = (time - 1) * batch;
  return reverse
    ? tf.concat([sliceRows(all, batch, rest), first], 0) // [time*batch, units]
    : tf.concat([first, sliceRows(all, 0, rest)], 0); // [time*batch, units]
}

/** `x` `[batch, time, in]` as time-major rows `[time*batch, in]`. */
export function timeMajorRows(x: tf.Tensor3D): tf.Tensor2D {
  const [batch, time, inputSize] = x.shape;
  return tf.reshape(tf.transpose(x, [1, 0, 2]), [time * batch, inputSize]);
}

/** The gradient of `x` from the gate gradients `dz` `[time*batch, gates]` and `kernel` `[in, gates]`. */
export function inputGradient(
  dz: tf.Tensor2D,
  kernel: tf.Tensor2D,
  batch: number,
  time: number,
): tf.Tensor3D {
  const dx = tf.matMul(dz, tf.transpose(kernel)); // [time*batch, in]
  return tf.transpose(tf.reshape(dx, [time, batch, kernel.shape[0]]), [1, 0, 2]); // [batch, time, in]
}

/** What `layerGradients` reads of a forward pass's saved tensors. */
export interface LayerInputs {
  readonly x2: tf.Tensor2D; // [time*batch, in]: x as time-major rows
  readonly kernel: tf.Tensor2D; // [in, gates]
  readonly hAll: tf.Tensor2D; // [time*batch, units]: carried h after each step
  readonly h0: tf.Tensor2D; // [batch, units]
}

/**
 * The gradients of `x`, the kernel, the recurrent kernel and the bias of a layer whose
 * pre-activations are `x K + h_prev R + b`, from their gradients `dz` `[time*batch, gates]`
 * over all steps (time order).
 */
export function layerGradients(
  p: FusedSizes & { readonly reverse: boolean },
  dz: tf.Tensor2D,
  saved: LayerInputs,
): Omit<FusedGradients, 'dStates'> {
  const { batch, time } = p;
  const hPrev = previousStates(saved.hAll, saved.h0, batch, time, p.reverse); // [time*batch, units]
  return {
    dx: inputGradient(dz, saved.kernel, batch, time), // [batch, time, in]
    dKernel: transposedProduct(saved.x2, dz), // [in, gates]
    dRecurrent: transposedProduct(hPrev, dz), // [units, gates]
    dBias: columnSums(dz), // [gates]
  };
}
