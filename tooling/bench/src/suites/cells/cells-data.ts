/**
 * The inputs of one workload, made once per measurement (not timed): token ids, targets,
 * lengths and masks, all seeded so every run and every implementation sees the same data.
 */
import * as tf from '@tensorflow/tfjs-core';
import { seededInts, type Workload } from './cells-config.js';

export interface WorkloadData {
  /** `[batch, time]` int32 token ids; 0 = padding (config B). */
  readonly ids: tf.Tensor2D;
  /** A: `[batch, time]` next-token ids; B: `[batch, 1]` float 0/1 labels. */
  readonly targets: tf.Tensor;
  /** `[batch, time]` float32, 1 = real step (all ones for A). */
  readonly mask: tf.Tensor2D;
}

/** Each row's real length: all `time` (A), or seeded in `[minLength, time]` (B). */
export function workloadLengths(w: Workload): Int32Array {
  return w.minLength === undefined
    ? new Int32Array(w.batch).fill(w.time)
    : seededInts(w.batch, w.minLength, w.time, 17);
}

export function makeData(w: Workload): WorkloadData {
  const { batch, time } = w;
  const lengths = workloadLengths(w);
  const tokens = seededInts(batch * time, 1, w.vocab - 1, 23);
  const ids = new Int32Array(batch * time);
  const mask = new Float32Array(batch * time);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < lengths[b]!; t++) {
      ids[b * time + t] = tokens[b * time + t]!;
      mask[b * time + t] = 1;
    }
  }
  const targets =
    w.name === 'A'
      ? tf.tensor2d(seededInts(batch * time, 0, w.vocab - 1, 29), [batch, time], 'int32')
      : tf.tensor2d(Float32Array.from(seededInts(batch, 0, 1, 31)), [batch, 1]);
  return {
    ids: tf.tensor2d(ids, [batch, time], 'int32'),
    targets,
    mask: tf.tensor2d(mask, [batch, time]),
  };
}

/** Rows [first, last) of a workload's data: one data-parallel worker's shard. */
export function shardData(data: WorkloadData, first: number, last: number): WorkloadData {
  const rows = last - first;
  const cut = <T extends tf.Tensor>(t: T) =>
    tf.slice(t, [first, 0], [rows, t.shape[1] as number]) as T; // [rows, ...]
  return { ids: cut(data.ids), targets: cut(data.targets), mask: cut(data.mask) };
}
