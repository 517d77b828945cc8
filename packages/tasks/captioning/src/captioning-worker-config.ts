/**
 * What the captioning model's data-parallel workers share with the main thread: the JSON each
 * worker builds its model from (hyper-parameters and vocabulary: no scenes, no images), the
 * payload of one step's shard (a contiguous block of the batch's rows: their pixels, caption
 * ids and mask, as plain typed arrays), and how rows are split among the workers.
 */
import type { JsonValue } from '@recurrent/train';
import type { CaptioningHyperParameters } from './captioning-defaults.js';

export interface CaptioningWorkerConfig {
  readonly hyperParameters: CaptioningHyperParameters;
  /** The main thread's vocabulary (Vocabulary.toJSON()): the same ids, so the same head. */
  readonly vocabulary: JsonValue;
}

/** One step's shard: rows [first, last) of the batch, teacher-forced as caption-batches.ts makes them. */
export interface CaptioningShard {
  readonly rows: number;
  /** Words per caption in this batch (the longest + 1; shorter ones padded, mask 0). */
  readonly time: number;
  readonly images: Float32Array; // [rows * size * size * 3], RGB in [0, 1]
  readonly inputs: Int32Array; // [rows * time]: <bos> w1 .. wn (word dropout already drawn)
  readonly targets: Int32Array; // [rows * time]: w1 .. wn <eos>
  readonly mask: Float32Array; // [rows * time], 1 = a real word
}

/** Contiguous rows [first, last) of worker w: 32 rows on 3 workers are 11, 11, 10. */
export function rowsOf(worker: number, workers: number, rows: number): [number, number] {
  const base = Math.floor(rows / workers);
  const extra = rows % workers;
  const first = worker * base + Math.min(worker, extra);
  return [first, first + base + (worker < extra ? 1 : 0)];
}
