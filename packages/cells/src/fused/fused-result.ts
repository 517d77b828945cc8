/**
 * Packing and unpacking of the fused paths' results. A `tf.customGrad` op returns ONE
 * tensor, so each fused op returns, time-major, `[steps + states, batch, units]`: the
 * emitted outputs of every step (zeros at padded steps; present when `steps` is `time`,
 * absent when it is 0) followed by the final state tensors. `fusedResult` slices that into
 * the `RnnResult` of `runRnn`; those slices are ordinary ops, so gradients flow back into
 * the packed tensor and from there into the custom gradient.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { RnnResult } from '../rnn-options.js';
import { tapedRows } from './fused-slice.js';

/** Whether a gradient tape is recording (so the forward pass must keep what backward needs). */
export function isTaping(): boolean {
  return tf.engine().state.gradientDepth > 0;
}

/** `[steps + states.length, batch, units]` from time-major outputs `[steps*batch, units]`. */
export function packOutputs(
  outputs: tf.Tensor2D | undefined,
  states: tf.Tensor2D[],
  batch: number,
  units: number,
): tf.Tensor3D {
  const parts = outputs ? [outputs, ...states] : states;
  const rows = parts.length === 1 ? parts[0]! : tf.concat(parts, 0); // [(steps+states)*batch, units]
  return tf.reshape(rows, [-1, batch, units]);
}

/** Concatenates per-step `[batch, n]` tensors (time order) into rows and frees the parts. */
export function stackRows(parts: tf.Tensor2D[]): tf.Tensor2D {
  const rows = tf.concat<tf.Tensor2D>(parts, 0); // [time*batch, n]
  tf.dispose(parts);
  return rows;
}

/**
 * The `RnnResult` inside `packed` `[steps + stateCount, batch, units]`. `output` is the last
 * real step's output of each row: the final `h` (carried through padding), or zeros for a
 * row without any real step, as the step loop gives.
 */
export function fusedResult(
  packed: tf.Tensor3D,
  time: number,
  stateCount: number,
  mask: tf.Tensor2D | undefined,
): RnnResult {
  const [rows, batch, units] = packed.shape;
  const steps = rows - stateCount;
  const flat = tf.reshape<tf.Rank.R2>(packed, [rows, batch * units]); // [rows, batch*units]
  const state = Array.from(
    { length: stateCount },
    (_, k) => tf.reshape(tapedRows(flat, steps + k, 1), [batch, units]), // [batch, units]
  ) as tf.Tensor2D[];
  const h = state[0]!;
  const output = mask
    ? (tf.mul(h, tf.max(tf.cast(mask, 'float32'), 1, true)) as tf.Tensor2D) // [batch, units]
    : h;
  if (steps === 0) return { output, state };
  const sequence = tf.transpose(
    tf.reshape(tapedRows(flat, 0, time), [time, batch, units]),
    [1, 0, 2],
  ) as tf.Tensor3D; // [batch, time, units]
  return { output, sequence, state };
}
