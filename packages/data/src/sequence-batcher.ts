/**
 * Seeded, resumable batching of id sequences into fixed shapes. Without labels the targets
 * are the next tokens (inputs `seq[0..n-2]`, targets `seq[1..n-1]`, as makemore trains on
 * names framed by `<bos>`/`<eos>`); with labels the targets are one label per row.
 *
 * Every epoch's order is a pure function of `(seed, epoch)`, so `arrayBatchAt(step)` gives
 * the same batch in Node and the browser, and training resumes exactly at any step.
 * Bucketing by length gives one fixed shape per bucket and cuts padding; `report` says by
 * how much. Padding is at the end of each row (`'post'`).
 */
import { ConfigError, describeValue } from '@recurrent/errors';
import { createRandom } from '@recurrent/random';
import { type ArrayBatch, type TensorBatch, toTensorBatch } from './batch.js';
import { bucketBoundaries, checkBoundaries } from './bucket-boundaries.js';
import { checkChoice, checkIds, checkInteger, checkSeed } from './check-options.js';
import { mixSeed } from './mix-seed.js';
import { type Side, type TruncationReport, truncationCounter } from './pad-sequences.js';

export interface SequenceDataset {
  /** Token id sequences (e.g. `vocab.encode(tokens, { bos: true, eos: true })`). */
  readonly sequences: readonly ArrayLike<number>[];
  /** One integer label per sequence; when absent, targets are the next tokens. */
  readonly labels?: ArrayLike<number>;
}

export interface SequenceBatcherOptions {
  readonly batchSize: number;
  /** Time steps per row; default: the longest input in the dataset. */
  readonly maxLength?: number;
  readonly seed?: number;
  readonly shuffle?: boolean;
  /** The last, smaller batch of a bucket: padded with fill rows, or dropped. */
  readonly remainder?: 'pad' | 'drop';
  /** 1 = no bucketing; n = n buckets at length quantiles; or explicit upper bounds. */
  readonly buckets?: number | readonly number[];
  /** Which end of a too-long sequence is cut off. */
  readonly truncating?: Side;
  /** Id written into padded steps (and into padded targets). */
  readonly padId?: number;
  /** When given, every id must be in [0, vocabSize). */
  readonly vocabSize?: number;
}

export const sequenceBatcherDefaults = Object.freeze({
  seed: 0, // the same order on every run unless asked otherwise
  shuffle: true, // a fresh order each epoch (from seed and epoch): the usual SGD assumption
  remainder: 'pad' as 'pad' | 'drop', // nothing silently lost; fill rows have length 0 and mask 0
  buckets: 1 as number | readonly number[], // one shape [batchSize, maxLength] for every batch
  truncating: 'post' as Side, // keep the beginning of long sequences
  padId: 0, // the <pad> id of every Vocabulary
});

export interface SequenceBatcherReport {
  readonly examples: number;
  /** Examples with no step to learn from (e.g. a single token in next-token mode). */
  readonly emptyExamples: number;
  readonly stepsPerEpoch: number;
  /** Distinct `[batchSize, time]` shapes, one per bucket. */
  readonly shapes: readonly (readonly [number, number])[];
  readonly boundaries: readonly number[];
  /** Share of `ids` entries that are padding over one epoch, with this bucketing. */
  readonly paddingFraction: number;
  /** The same without bucketing (every batch `[batchSize, maxLength]`). */
  readonly paddingFractionWithoutBuckets: number;
  /** Examples dropped per epoch by `remainder: 'drop'`. */
  readonly droppedPerEpoch: number;
  /** Fill rows per epoch added by `remainder: 'pad'`. */
  readonly fillRowsPerEpoch: number;
  readonly truncation: TruncationReport;
}

export interface StepRange {
  /** First global step (a checkpoint's step to resume from). */
  readonly startStep?: number;
  /** How many batches; default: to the end of the epoch holding `startStep`. `Infinity` never ends. */
  readonly steps?: number;
}

export interface SequenceBatcher {
  readonly batchSize: number;
  readonly maxLength: number;
  readonly stepsPerEpoch: number;
  readonly report: SequenceBatcherReport;
  /** The batch of global step `step` as plain arrays (pure: same step, same batch). */
  arrayBatchAt(step: number): ArrayBatch;
  /** The same as tensors; the caller disposes it (`batch.dispose()`). */
  batchAt(step: number): TensorBatch;
  arrayBatches(range?: StepRange): Generator<ArrayBatch>;
  batches(range?: StepRange): Generator<TensorBatch>;
}

interface Planned {
  readonly indices: readonly number[];
  readonly time: number;
}

/**
 * @example
 * const batcher = sequenceBatcher({ sequences }, { batchSize: 32, seed: 1, buckets: 4 });
 * batcher.report.paddingFraction; // vs batcher.report.paddingFractionWithoutBuckets
 * for (const batch of batcher.batches({ startStep: 0 })) { ...; batch.dispose(); }
 */
export function sequenceBatcher(
  dataset: SequenceDataset,
  options: SequenceBatcherOptions,
): SequenceBatcher {
  const who = 'sequenceBatcher';
  const o = { ...sequenceBatcherDefaults, ...options };
  const { sequences, labels } = dataset ?? {};
  if (!Array.isArray(sequences)) {
    throw new ConfigError(
      `${who}: expected dataset.sequences to be an array of id arrays, got ${describeValue(sequences)}.`,
    );
  }
  const batchSize = checkInteger(who, 'batchSize', o.batchSize, 1);
  const seed = checkSeed(who, o.seed);
  const remainder = checkChoice(who, 'remainder', o.remainder, ['pad', 'drop']);
  const truncating = checkChoice(who, 'truncating', o.truncating, ['pre', 'post']);
  const padId = checkInteger(who, 'padId', o.padId, 0);
  const vocabSize =
    o.vocabSize === undefined ? undefined : checkInteger(who, 'vocabSize', o.vocabSize, 1);
  sequences.forEach((seq, i) => {
    checkIds(who, `sequence ${i}`, seq, vocabSize);
  });
  const nextToken = labels === undefined;
  if (labels !== undefined) {
    if (labels.length !== sequences.length) {
      throw new ConfigError(
        `${who}: expected one label per sequence (${sequences.length}), got ${labels.length} labels.`,
      );
    }
    checkIds(who, 'labels', labels, undefined, 'Labels are class indices 0, 1, 2, ...');
  }
  if (sequences.length === 0) {
    throw new ConfigError(`${who}: the dataset is empty (0 sequences); expected at least one.`);
  }

  const inputLength = (i: number) => {
    const n = sequences[i]!.length;
    return nextToken ? Math.max(0, n - 1) : n;
  };
  const inputLengths = sequences.map((_, i) => inputLength(i));
  const longest = inputLengths.reduce((m, n) => Math.max(m, n), 0);
  if (o.maxLength === undefined && longest < 1) {
    throw new ConfigError(
      `${who}: cannot infer maxLength: no sequence has a step to learn from. ` +
        (nextToken ? 'Next-token targets need sequences of 2 or more ids. ' : '') +
        'Pass { maxLength } explicitly.',
    );
  }
  const maxLength = checkInteger(who, 'maxLength', o.maxLength ?? longest, 1);
  const counter = truncationCounter();
  const kept = inputLengths.map((n) => {
    counter.add(n, maxLength);
    return Math.min(n, maxLength);
  });

  const boundaries =
    typeof o.buckets === 'number'
      ? bucketBoundaries(kept, checkInteger(who, 'buckets', o.buckets, 1), maxLength)
      : checkBoundaries(who, o.buckets, maxLength);
  const membersOf = (bounds: readonly number[]): number[][] => {
    const members: number[][] = bounds.map(() => []);
    kept.forEach((n, i) => {
      members[bounds.findIndex((b) => n <= b)]!.push(i);
    });
    return members;
  };
  const bucketMembers = membersOf(boundaries);
  const singleBucket = membersOf([maxLength]);

  const plan = (epoch: number, members: number[][], bounds: readonly number[]): Planned[] => {
    const rng = o.shuffle ? createRandom(mixSeed(seed, epoch)) : undefined;
    const planned: Planned[] = [];
    members.forEach((bucket, b) => {
      const order = rng ? rng.shuffle([...bucket]) : bucket;
      for (let start = 0; start < order.length; start += batchSize) {
        const indices = order.slice(start, start + batchSize);
        if (indices.length < batchSize && remainder === 'drop') continue;
        planned.push({ indices, time: bounds[b]! });
      }
    });
    return rng ? rng.shuffle(planned) : planned;
  };

  const firstEpoch = plan(0, bucketMembers, boundaries);
  const stepsPerEpoch = firstEpoch.length;
  if (stepsPerEpoch === 0) {
    throw new ConfigError(
      `${who}: ${sequences.length} sequences make no batch of ${batchSize} with remainder ` +
        "'drop'. Lower batchSize or use remainder: 'pad'.",
    );
  }
  const padding = (planned: Planned[]) => {
    let cells = 0;
    let real = 0;
    for (const p of planned) {
      cells += batchSize * p.time;
      for (const i of p.indices) real += kept[i]!;
    }
    return cells === 0 ? 0 : 1 - real / cells;
  };
  const batchedRows = firstEpoch.reduce((n, p) => n + p.indices.length, 0);
  const report: SequenceBatcherReport = {
    examples: sequences.length,
    emptyExamples: kept.filter((n) => n === 0).length,
    stepsPerEpoch,
    shapes: [...new Set(firstEpoch.map((p) => p.time))]
      .sort((a, b) => a - b)
      .map((time) => [batchSize, time] as const),
    boundaries,
    paddingFraction: padding(firstEpoch),
    paddingFractionWithoutBuckets: padding(plan(0, singleBucket, [maxLength])),
    droppedPerEpoch: sequences.length - batchedRows,
    fillRowsPerEpoch: stepsPerEpoch * batchSize - batchedRows,
    truncation: counter.report(),
  };

  let cached: { epoch: number; planned: Planned[] } = { epoch: 0, planned: firstEpoch };
  const plannedAt = (epoch: number): Planned[] => {
    if (cached.epoch !== epoch) cached = { epoch, planned: plan(epoch, bucketMembers, boundaries) };
    return cached.planned;
  };

  const arrayBatchAt = (step: number): ArrayBatch => {
    checkInteger(`${who}.arrayBatchAt`, 'step', step, 0, Number.MAX_SAFE_INTEGER);
    const epoch = Math.floor(step / stepsPerEpoch);
    const { indices, time } = plannedAt(epoch)[step % stepsPerEpoch]!;
    const ids = new Int32Array(batchSize * time).fill(padId);
    const mask = new Float32Array(batchSize * time);
    const targets = nextToken
      ? new Int32Array(batchSize * time).fill(padId)
      : new Int32Array(batchSize);
    const lengths = new Int32Array(batchSize);
    indices.forEach((index, row) => {
      const seq = sequences[index]!;
      const n = kept[index]!;
      const from = truncating === 'pre' ? inputLengths[index]! - n : 0;
      for (let t = 0; t < n; t++) {
        ids[row * time + t] = seq[from + t]!;
        mask[row * time + t] = 1;
        if (nextToken) targets[row * time + t] = seq[from + t + 1]!;
      }
      if (!nextToken) targets[row] = labels![index]!;
      lengths[row] = n;
    });
    return {
      ids,
      mask,
      targets,
      lengths,
      batchSize,
      timeSteps: time,
      targetShape: nextToken ? [batchSize, time] : [batchSize],
      rows: indices.length,
      step,
      epoch,
      resetState: true,
    };
  };

  function* arrayBatches(range: StepRange = {}): Generator<ArrayBatch> {
    const start = checkInteger(who, 'startStep', range.startStep ?? 0, 0);
    const end = rangeEnd(who, start, range.steps, stepsPerEpoch);
    for (let step = start; step < end; step++) yield arrayBatchAt(step);
  }

  return {
    batchSize,
    maxLength,
    stepsPerEpoch,
    report,
    arrayBatchAt,
    batchAt: (step) => toTensorBatch(arrayBatchAt(step)),
    arrayBatches,
    *batches(range = {}) {
      for (const batch of arrayBatches(range)) yield toTensorBatch(batch);
    },
  };
}

/** The step after the last one of a range: `steps` later, or the end of the start's epoch. */
export function rangeEnd(
  who: string,
  start: number,
  steps: number | undefined,
  stepsPerEpoch: number,
): number {
  if (steps === undefined) return (Math.floor(start / stepsPerEpoch) + 1) * stepsPerEpoch;
  if (steps === Number.POSITIVE_INFINITY) return steps;
  return start + checkInteger(who, 'steps', steps, 0);
}
