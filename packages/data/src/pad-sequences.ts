/**
 * Fixed shapes from ragged sequences: pads (or truncates) every sequence to `maxLength`
 * and returns the ids, the mask (1 = real step, 0 = padding), the kept lengths and a
 * report of what truncation removed. "Clamp to 500 and mask what is shorter" is
 * `padSequences(seqs, { maxLength: 500 })`. Plain arrays; `padToTensors` gives tensors.
 */
import { ConfigError } from '@recurrent/errors';
import { checkChoice, checkInteger } from './check-options.js';

export type Side = 'pre' | 'post';

export interface PadOptions {
  /** Steps per row; default: the longest sequence. Longer sequences are truncated. */
  readonly maxLength?: number;
  /** Where padding goes. */
  readonly padding?: Side;
  /** Which end of a too-long sequence is cut off. */
  readonly truncating?: Side;
  /** The id written into padded steps. */
  readonly value?: number;
}

export const padDefaults = Object.freeze({
  padding: 'post' as Side, // real steps first: a masked RNN's final state is then the last real step's
  truncating: 'post' as Side, // keep the beginning; use 'pre' to keep the end (e.g. the latest events)
  value: 0, // the <pad> id of every Vocabulary
});

/** What truncation removed: nothing is cut silently. */
export interface TruncationReport {
  /** Number of sequences. */
  readonly sequences: number;
  /** How many were longer than maxLength. */
  readonly truncated: number;
  /** Tokens removed in total. */
  readonly droppedTokens: number;
  /** Most tokens removed from one sequence. */
  readonly maxDropped: number;
  /** Length of the longest sequence before truncation. */
  readonly longest: number;
}

export interface PaddedSequences {
  /** [batch][maxLength] ids. */
  readonly ids: number[][];
  /** [batch][maxLength], 1 = real step, 0 = padding. */
  readonly mask: number[][];
  /** [batch] kept lengths: min(length, maxLength). */
  readonly lengths: number[];
  readonly maxLength: number;
  readonly report: TruncationReport;
}

/** Resolves and checks the shared options (also used by `padToTensors` and the batcher). */
export function resolvePadOptions(
  who: string,
  seqs: readonly ArrayLike<number>[],
  options: PadOptions,
): { maxLength: number; padding: Side; truncating: Side; value: number } {
  const o = { ...padDefaults, ...options };
  if (!Array.isArray(seqs)) {
    throw new ConfigError(
      `${who}: expected an array of sequences (arrays of ids), got ${typeof seqs}.`,
    );
  }
  let maxLength: number | undefined = o.maxLength;
  if (maxLength === undefined) {
    const longest = seqs.reduce((m, s) => Math.max(m, s.length), 0);
    maxLength = longest;
    if (longest < 1) {
      throw new ConfigError(
        `${who}: cannot infer maxLength: got ${seqs.length} sequences, none longer than 0. ` +
          'Pass { maxLength } explicitly (an integer >= 1).',
      );
    }
  }
  return {
    maxLength: checkInteger(who, 'maxLength', maxLength, 1),
    padding: checkChoice(who, 'padding', o.padding, ['pre', 'post']),
    truncating: checkChoice(who, 'truncating', o.truncating, ['pre', 'post']),
    value: checkInteger(who, 'value', o.value, Number.MIN_SAFE_INTEGER),
  };
}

/** Accumulates a `TruncationReport` while sequences are clamped. */
export function truncationCounter(): {
  add(length: number, maxLength: number): void;
  report(): TruncationReport;
} {
  let sequences = 0;
  let truncated = 0;
  let droppedTokens = 0;
  let maxDropped = 0;
  let longest = 0;
  return {
    add(length, maxLength) {
      sequences++;
      longest = Math.max(longest, length);
      const dropped = Math.max(0, length - maxLength);
      if (dropped > 0) truncated++;
      droppedTokens += dropped;
      maxDropped = Math.max(maxDropped, dropped);
    },
    report: () => ({ sequences, truncated, droppedTokens, maxDropped, longest }),
  };
}

/**
 * @example
 * padSequences([[5, 6, 7], [8]], { maxLength: 2 });
 * // ids [[5, 6], [8, 0]], mask [[1, 1], [1, 0]], lengths [2, 1],
 * // report { sequences: 2, truncated: 1, droppedTokens: 1, maxDropped: 1, longest: 3 }
 */
export function padSequences(
  seqs: readonly ArrayLike<number>[],
  options: PadOptions = {},
): PaddedSequences {
  const { maxLength, padding, truncating, value } = resolvePadOptions(
    'padSequences',
    seqs,
    options,
  );
  const counter = truncationCounter();
  const ids: number[][] = [];
  const mask: number[][] = [];
  const lengths: number[] = [];
  for (const seq of seqs) {
    counter.add(seq.length, maxLength);
    const kept = Math.min(seq.length, maxLength);
    const from = truncating === 'pre' ? seq.length - kept : 0;
    const offset = padding === 'pre' ? maxLength - kept : 0;
    const row = new Array<number>(maxLength).fill(value);
    const maskRow = new Array<number>(maxLength).fill(0);
    for (let t = 0; t < kept; t++) {
      row[offset + t] = seq[from + t]!;
      maskRow[offset + t] = 1;
    }
    ids.push(row);
    mask.push(maskRow);
    lengths.push(kept);
  }
  return { ids, mask, lengths, maxLength, report: counter.report() };
}
