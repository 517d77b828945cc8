/**
 * The two forms of a batch. `ArrayBatch` is plain typed arrays, row-major (no tfjs needed);
 * `TensorBatch` holds the same data as tensors, which the caller disposes with
 * `batch.dispose()`. Shapes: ids and mask `[batch, time]` (mask 1 = real step, 0 = padding),
 * targets `[batch, time]` (next-token ids) or `[batch]` (labels), lengths `[batch]`.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface ArrayBatch {
  /** int32 ids, `batchSize * timeSteps`, row-major. */
  readonly ids: Int32Array;
  /** float32, 1 = real step, 0 = padding, same layout as ids. */
  readonly mask: Float32Array;
  /** int32: next-token ids laid out like `ids`, or one label per row. */
  readonly targets: Int32Array;
  /** int32 kept length of every row (0 for fill rows). */
  readonly lengths: Int32Array;
  readonly batchSize: number;
  readonly timeSteps: number;
  /** `[batchSize, timeSteps]` or `[batchSize]`. */
  readonly targetShape: readonly [number, number] | readonly [number];
  /** Rows holding data; rows from here to `batchSize` are fill (length 0, mask 0). */
  readonly rows: number;
  /** The global step this batch belongs to (resumable iterators start from any step). */
  readonly step: number;
  readonly epoch: number;
  /** True when a stateful model must start from a zero state for this batch. */
  readonly resetState: boolean;
}

export interface TensorBatch {
  readonly ids: tf.Tensor2D; // [batch, time] int32
  readonly mask: tf.Tensor2D; // [batch, time] float32
  readonly targets: tf.Tensor1D | tf.Tensor2D; // [batch, time] or [batch] int32
  readonly lengths: tf.Tensor1D; // [batch] int32
  readonly rows: number;
  readonly step: number;
  readonly epoch: number;
  readonly resetState: boolean;
  /** Disposes the four tensors (safe to call twice). */
  dispose(): void;
}

/**
 * Copies a plain batch into four new tensors; the caller disposes them.
 *
 * @example
 * const batch = toTensorBatch(windows.windowAt(0));
 * // ... train on batch.ids / batch.targets ...
 * batch.dispose();
 */
export function toTensorBatch(batch: ArrayBatch): TensorBatch {
  const shape: [number, number] = [batch.batchSize, batch.timeSteps];
  const ids = tf.tensor2d(batch.ids, shape, 'int32'); // [batch, time]
  const mask = tf.tensor2d(batch.mask, shape, 'float32'); // [batch, time]
  const targets =
    batch.targetShape.length === 2
      ? tf.tensor2d(batch.targets, shape, 'int32') // [batch, time]
      : tf.tensor1d(batch.targets, 'int32'); // [batch]
  const lengths = tf.tensor1d(batch.lengths, 'int32'); // [batch]
  return {
    ids,
    mask,
    targets,
    lengths,
    rows: batch.rows,
    step: batch.step,
    epoch: batch.epoch,
    resetState: batch.resetState,
    dispose() {
      tf.dispose([ids, mask, targets, lengths]);
    },
  };
}

/** Splits a row-major flat array into rows of `width` (for printing and tests). */
export function toRows(flat: ArrayLike<number>, width: number): number[][] {
  const rows: number[][] = [];
  for (let start = 0; start < flat.length; start += width) {
    rows.push(Array.from({ length: width }, (_, t) => flat[start + t]!));
  }
  return rows;
}
