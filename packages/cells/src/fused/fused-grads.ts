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

/**
 * `a^T b` for `a` `[rows, m]`, `b` `[rows, n]`: `[m, n]`. tfjs-backend-wasm's matmul
 * (XNNPACK) repacks its second operand on every call and streams it once per block of
 * output rows, so the narrower of the two goes second: `(a^T) b` when `b` is narrower,
 * `(b^T a)^T` when `a` is (one-hot inputs, or `h` against the 4 gates' `dz`). Measured on
 * wasm (2-core AMD EPYC, fresh operands, medians): `x^T dz` and `h^T dz` for the cells
 * bench's config A (rows 2048, in 65, units 256, gates 1024) 162 -> 116 ms, config B
 * (rows 12800, in 64, units 128, gates 512) 450 -> 219 ms. `bT`, when given, is `b^T`
 * already made (several products with the same `b` share one transpose).
 */
export function transposedProduct(a: tf.Tensor2D, b: tf.Tensor2D, bT?: tf.Tensor2D): tf.Tensor2D {
  if (a.shape[1] >= b.shape[1]) return tf.matMul(tf.transpose(a), b); // [m, n]
  return tf.transpose<tf.Tensor2D>(tf.matMul<tf.Tensor2D>(bT ?? tf.transpose<tf.Tensor2D>(b), a)); // [m, n]
}

/**
 * Column sums of `x` `[rows, cols]`: `[cols]`, as one matmul (faster on wasm than
 * `sum(x, 0)`). With `xT` (`x^T`, already made) the ones go second, so the matmul packs a
 * `[rows, 1]` column instead of all of `x`: for the cells bench's config B bias gradient
 * (`dz` `[12800, 512]`) 250 ms of a 1.3 s step became a few ms.
 */
export function columnSums(x: tf.Tensor2D, xT?: tf.Tensor2D): tf.Tensor1D {
  const [rows, cols] = x.shape;
  if (xT) return tf.reshape(tf.matMul(xT, tf.ones([rows, 1])), [cols]);
  return tf.reshape(tf.matMul(tf.ones([1, rows]), x), [cols]);
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
 * over all steps (time order). `dx` is a function: it runs only when `x` needs a gradient.
 */
export function layerGradients(
  p: FusedSizes & { readonly reverse: boolean },
  dz: tf.Tensor2D,
  saved: LayerInputs,
): Omit<FusedGradients, 'dStates'> {
  const { batch, time } = p;
  const hPrev = previousStates(saved.hAll, saved.h0, batch, time, p.reverse); // [time*batch, units]
  const dzT = tf.transpose(dz); // [gates, time*batch]: shared by both weight gradients
  const out = {
    dx: () => inputGradient(dz, saved.kernel, batch, time), // [batch, time, in]
    dKernel: transposedProduct(saved.x2, dz, dzT), // [in, gates]
    dRecurrent: transposedProduct(hPrev, dz, dzT), // [units, gates]
    dBias: columnSums(dz, dzT), // [gates]
  };
  dzT.dispose();
  return out;
}
