/**
 * A tensor as plain data: dtype, shape and a typed array. Checkpoints hold these rather than
 * `tf.Tensor`s, so loading allocates nothing on the backend until weights are applied.
 */
import type * as tf from '@tensorflow/tfjs-core';

export type RecordDtype = 'float32' | 'int32' | 'bool';

export interface TensorRecord {
  dtype: RecordDtype;
  shape: number[];
  /** Float32Array for float32, Int32Array for int32, Uint8Array (0/1) for bool. */
  data: Float32Array | Int32Array | Uint8Array;
}

/** A TensorRecord with its name, in a list whose order matters (optimizer slots). */
export interface NamedTensorRecord extends TensorRecord {
  name: string;
}

/** Reads a tensor (or variable) into a TensorRecord (copies its data off the backend). */
export async function toTensorRecord(t: tf.Tensor): Promise<TensorRecord> {
  if (t.dtype !== 'float32' && t.dtype !== 'int32' && t.dtype !== 'bool') {
    throw new TypeError(
      `toTensorRecord: expected a float32, int32 or bool tensor, got ${t.dtype}. Cast it first.`,
    );
  }
  const data = (await t.data()) as Float32Array | Int32Array | Uint8Array;
  return { dtype: t.dtype, shape: [...t.shape], data: data.slice() };
}

/** Number of elements of a shape ([] is a scalar: 1). */
export function sizeOfShape(shape: readonly number[]): number {
  return shape.reduce((n, d) => n * d, 1);
}
