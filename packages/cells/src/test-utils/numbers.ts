/** Test helpers: nested arrays to flat numbers, and max absolute differences. */
import type * as tf from '@tensorflow/tfjs-core';

/** Flattens a nested number array (PyTorch fixture values) into a Float64Array. */
export function flat(values: unknown): Float64Array {
  const out: number[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else out.push(v as number);
  };
  walk(values);
  return Float64Array.from(out);
}

/** Largest |a - b| over two equally long lists of numbers. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length)
    throw new Error(`maxAbsDiff: lengths ${a.length} and ${b.length} differ`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

/** Largest |a - b| between two tensors of the same shape (throws on a shape mismatch). */
export function tensorDiff(a: tf.Tensor, b: tf.Tensor): number {
  if (a.shape.join(',') !== b.shape.join(',')) {
    throw new Error(`tensorDiff: shapes [${a.shape}] and [${b.shape}] differ`);
  }
  return maxAbsDiff(a.dataSync() as Float32Array, b.dataSync() as Float32Array);
}
