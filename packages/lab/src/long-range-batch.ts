/**
 * The long-range task of the vanishing-gradient lab, as data: "Lisa was born in
 * <country> ... she speaks fluently <language>?". Each sequence has length k + 10:
 *
 *   [9 distractors] [key] [k - 1 distractors] [query]
 *    positions 0..8   9     10 .. k + 8         k + 9 (the last)
 *
 * The key sits k steps before the end; it is one of `classes` key tokens and the label is
 * its index. Distractors never are keys or the query, so the label depends only on the
 * token k steps before the end. Every batch is a pure function of (seed, index): reruns
 * and resumed runs see the same data.
 *
 * Token ids: 0 = query, 1..classes = keys (label = id - 1), then the distractors.
 */
import { ConfigError } from '@recurrent/errors';
import { createRandom } from '@recurrent/random';

export interface LongRangeOptions {
  /** Distance from the key to the end of the sequence (the query is k steps after it). */
  readonly k: number;
  readonly batch: number;
  /** Number of answer classes (key tokens). */
  readonly classes?: number;
  /** Number of distractor tokens. */
  readonly distractors?: number;
  readonly seed?: number;
}

export const longRangeDefaults = Object.freeze({
  classes: 2, // two answers: chance is 0.5, as in the issue
  distractors: 8, // enough variety that the model cannot count one repeated token
  seed: 0, // the same data on every run
  lead: 9, // distractors before the key: the sequence is k + 10 long
});

export interface LongRangeBatch {
  /** Token ids `[batch * length]`, row-major `[batch, length]`. */
  readonly ids: Int32Array;
  /** The answer of each row `[batch]`: the index of its key. */
  readonly labels: Int32Array;
  readonly batch: number;
  /** k + 10 */
  readonly length: number;
}

/** Vocabulary size of the task: query + keys + distractors. */
export function longRangeVocabSize(options: Partial<LongRangeOptions> = {}): number {
  const o = { ...longRangeDefaults, ...options };
  return 1 + o.classes + o.distractors;
}

/**
 * Batch `index` of the task (a pure function of seed, k and index).
 *
 * @example
 * const b = longRangeBatch({ k: 5, batch: 2 }, 0);
 * b.length; // 15; b.ids[9] is a key (1 or 2), b.labels[0] = b.ids[9] - 1, b.ids[14] = 0
 */
export function longRangeBatch(options: LongRangeOptions, index: number): LongRangeBatch {
  const o = { ...longRangeDefaults, ...options };
  for (const [name, value, min] of [
    ['k', o.k, 1],
    ['batch', o.batch, 1],
    ['classes', o.classes, 2],
    ['distractors', o.distractors, 1],
  ] as const) {
    if (!(Number.isInteger(value) && value >= min)) {
      throw new ConfigError(
        `longRangeBatch: expected ${name} to be an integer >= ${min}, got ${String(value)}.`,
      );
    }
  }
  const length = o.k + o.lead + 1;
  const keyAt = o.lead; // = length - 1 - k
  const rng = createRandom((o.seed * 1_000_003 + o.k * 7919 + index * 104_729) >>> 0);
  const ids = new Int32Array(o.batch * length);
  const labels = new Int32Array(o.batch);
  for (let b = 0; b < o.batch; b++) {
    const row = b * length;
    for (let t = 0; t < length - 1; t++) ids[row + t] = 1 + o.classes + rng.int(o.distractors);
    labels[b] = rng.int(o.classes);
    ids[row + keyAt] = 1 + labels[b]!;
    ids[row + length - 1] = 0; // the query
  }
  return { ids, labels, batch: o.batch, length };
}
