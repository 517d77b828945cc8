/**
 * The shared memory through which the main thread hands the current weights to its
 * data-parallel workers: every variable flattened, in the order of model.variables, in one
 * SharedArrayBuffer of float32. The main thread writes it after an update (one copy per
 * variable, no message); each worker reads it into its own variables before its next step.
 */
import { ShapeError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import type { NamedVariable } from '../loop/trainable.js';

export interface WeightBroadcast {
  /** Post it to each worker, which wraps it with openWeightBroadcast. */
  readonly buffer: SharedArrayBuffer;
  /** Elements of each variable, in the order of model.variables. */
  readonly sizes: readonly number[];
  readonly offsets: readonly number[];
  readonly view: Float32Array;
}

function wrap(buffer: SharedArrayBuffer, sizes: readonly number[]): WeightBroadcast {
  const offsets: number[] = [];
  let total = 0;
  for (const size of sizes) {
    offsets.push(total);
    total += size;
  }
  if (buffer.byteLength !== total * 4) {
    throw new ShapeError(
      `weight broadcast: expected a buffer of ${total * 4} bytes for ${total} weights, received ${buffer.byteLength}. Build the worker's model from the same config as the main thread's.`,
    );
  }
  return { buffer, sizes: [...sizes], offsets, view: new Float32Array(buffer) };
}

/** Allocates the broadcast for variables of `sizes` elements each. */
export function createWeightBroadcast(sizes: readonly number[]): WeightBroadcast {
  const total = sizes.reduce((a, b) => a + b, 0);
  return wrap(new SharedArrayBuffer(total * 4), sizes);
}

/** Wraps a buffer received from the main thread (in a worker). */
export function openWeightBroadcast(
  buffer: SharedArrayBuffer,
  sizes: readonly number[],
): WeightBroadcast {
  return wrap(buffer, sizes);
}

function checkCount(broadcast: WeightBroadcast, variables: readonly NamedVariable[]): void {
  if (variables.length !== broadcast.sizes.length) {
    throw new ShapeError(
      `weight broadcast: expected ${broadcast.sizes.length} variables, received ${variables.length}. Build the worker's model from the same config as the main thread's.`,
    );
  }
}

/** Main thread: copies every variable's values into the buffer. */
export function publishWeights(
  broadcast: WeightBroadcast,
  variables: readonly NamedVariable[],
): void {
  checkCount(broadcast, variables);
  variables.forEach((v, i) => {
    broadcast.view.set(v.variable.dataSync() as Float32Array, broadcast.offsets[i] as number);
  });
}

/** Worker: assigns the buffer's values to its own variables (same order and shapes). */
export function loadWeights(broadcast: WeightBroadcast, variables: readonly NamedVariable[]): void {
  checkCount(broadcast, variables);
  variables.forEach((v, i) => {
    const offset = broadcast.offsets[i] as number;
    const size = broadcast.sizes[i] as number;
    if (v.variable.size !== size) {
      throw new ShapeError(
        `weight broadcast: variable "${v.name}" has ${v.variable.size} elements here, expected ${size}. Build the worker's model from the same config as the main thread's.`,
      );
    }
    const values = tf.tensor(broadcast.view.subarray(offset, offset + size), v.variable.shape); // a copy
    v.variable.assign(values);
    values.dispose();
  });
}
