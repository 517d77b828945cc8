/**
 * What the sentiment model's data-parallel workers share with the main thread: the JSON each
 * worker builds its model from, the payload of one step's shard (a contiguous block of the
 * batch's rows with the step's dropout seed), and how the rows are cut.
 */
import type { JsonValue } from '@recurrent/train';
import type { SentimentHyperParameters } from './sentiment-defaults.js';

export interface SentimentWorkerConfig {
  readonly hyperParameters: SentimentHyperParameters;
  readonly vocabulary: JsonValue;
  readonly tokenizer: JsonValue;
  readonly labels: readonly string[];
  /** The embedding table is frozen (pretrained vectors): its gradient is zero in the workers too. */
  readonly frozenEmbeddings: boolean;
}

/** One step's shard: rows [first, first + rows) of a batch of `of` rows. */
export interface SentimentShard {
  readonly ids: Int32Array; // [rows * time]
  readonly mask: Float32Array; // [rows * time], 1 = real token
  readonly targets: Int32Array; // [rows], the class ids
  readonly time: number;
  readonly first: number;
  /** Rows of the whole batch: the dropout masks are drawn for all of them. */
  readonly of: number;
  readonly dropoutSeed: number;
}

/** Contiguous rows [first, last) of worker w: 32 rows on 3 workers are 11, 11, 10. */
export function rowsOf(worker: number, workers: number, rows: number): [number, number] {
  const base = Math.floor(rows / workers);
  const extra = rows % workers;
  const first = worker * base + Math.min(worker, extra);
  return [first, first + base + (worker < extra ? 1 : 0)];
}
