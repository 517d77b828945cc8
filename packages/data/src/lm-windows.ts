/**
 * Language-model windows over one long token stream: each batch row is `T + 1` contiguous
 * ids, inputs `[0..T)` and next-token targets `[1..T]`.
 *
 * - `sequential` (char-rnn): the stream is cut into `batchSize` contiguous lanes; row b of
 *   step k+1 continues row b of step k exactly, so a stateful model carries its state from
 *   one batch to the next (truncated backpropagation through time). `resetState` is true on
 *   the first chunk of every epoch, where each lane starts over.
 * - `random` (nanoGPT): each row starts at a seeded random offset; every batch is
 *   independent (`resetState` always true).
 *
 * `windowAt(step)` is pure: a checkpoint at step s resumes with exactly the batch it would
 * have seen (`windows({ startStep: s })`).
 */
import { ConfigError, DataFormatError } from '@recurrent/errors';
import { createRandom } from '@recurrent/random';
import { type ArrayBatch, type TensorBatch, toTensorBatch } from './batch.js';
import { checkChoice, checkIds, checkInteger, checkSeed } from './check-options.js';
import { mixSeed } from './mix-seed.js';
import { rangeEnd, type StepRange } from './sequence-batcher.js';

export type LmWindowMode = 'sequential' | 'random';

export interface LmWindowsOptions {
  readonly batchSize: number;
  /** Time steps T per row (the truncated-BPTT length). */
  readonly timeSteps: number;
  readonly mode?: LmWindowMode;
  readonly seed?: number;
  /** Where `windows()` and `batches()` start when their range does not say. */
  readonly startStep?: number;
  /** When given, every id must be in [0, vocabSize). */
  readonly vocabSize?: number;
}

export const lmWindowsDefaults = Object.freeze({
  mode: 'sequential' as LmWindowMode, // lets a stateful LSTM carry state across batches, as char-rnn
  seed: 0, // random mode: the same windows on every run unless asked otherwise
  startStep: 0, // from the beginning; a resumed run passes its checkpoint's step
});

export interface LmWindowsReport {
  /** Length N of the stream. */
  readonly tokens: number;
  /** Sequential: input ids per lane, K * T with K = floor((N - 1) / (batchSize * T)); random: N. */
  readonly laneLength: number;
  readonly stepsPerEpoch: number;
  /** Sequential: input ids covered by one epoch (batchSize * K * T); the tail is unused. */
  readonly usedTokens: number;
  readonly unusedTokens: number;
}

export interface LmWindows {
  readonly mode: LmWindowMode;
  readonly batchSize: number;
  readonly timeSteps: number;
  /** Sequential: chunks per lane K; random: the same K (about one pass over the stream). */
  readonly stepsPerEpoch: number;
  readonly report: LmWindowsReport;
  /** Stream position of the first input of row `row` at step `step`. */
  offsetOf(step: number, row: number): number;
  /** The window batch of global step `step` (plain arrays; pure). */
  windowAt(step: number): ArrayBatch;
  /** The same as tensors; the caller disposes it (`batch.dispose()`). */
  batchAt(step: number): TensorBatch;
  windows(range?: StepRange): Generator<ArrayBatch>;
  batches(range?: StepRange): Generator<TensorBatch>;
}

/**
 * @example
 * const lm = lmWindows(ids, { batchSize: 32, timeSteps: 64 });
 * for (const batch of lm.batches({ startStep: checkpoint.step, steps: 1000 })) {
 *   if (batch.resetState) state = zeros; // ids [32, 64], targets [32, 64]
 *   batch.dispose();
 * }
 */
export function lmWindows(ids: ArrayLike<number>, options: LmWindowsOptions): LmWindows {
  const who = 'lmWindows';
  const o = { ...lmWindowsDefaults, ...options };
  const batchSize = checkInteger(who, 'batchSize', o.batchSize, 1);
  const timeSteps = checkInteger(who, 'timeSteps', o.timeSteps, 1);
  const mode = checkChoice(who, 'mode', o.mode, ['sequential', 'random']);
  const seed = checkSeed(who, o.seed);
  const defaultStart = checkInteger(who, 'startStep', o.startStep, 0);
  if (ids === null || typeof ids !== 'object' || typeof ids.length !== 'number') {
    throw new ConfigError(
      `${who}: expected an array or Int32Array of token ids, got ${typeof ids}.`,
    );
  }
  const vocabSize =
    o.vocabSize === undefined ? undefined : checkInteger(who, 'vocabSize', o.vocabSize, 1);
  checkIds(who, 'the token stream', ids, vocabSize);
  const stream = ids instanceof Int32Array ? ids : Int32Array.from(ids);
  const n = stream.length;
  if (n < timeSteps + 1) {
    throw new DataFormatError(
      `${who}: the token stream has ${n} ids; a window needs timeSteps + 1 = ${timeSteps + 1}. ` +
        (n === 0 ? 'The corpus is empty: check the text source. ' : '') +
        'Use a longer corpus or a smaller timeSteps.',
    );
  }

  // Sequential: K chunks of T per lane, lanes contiguous from the start of the stream (the
  // char-rnn layout: inputs = stream[0 .. B*K*T) viewed as [B, K*T]); the tail is unused.
  const chunks = Math.floor((n - 1) / (batchSize * timeSteps));
  if (mode === 'sequential' && chunks < 1) {
    throw new ConfigError(
      `${who}: ${n} ids cannot fill ${batchSize} lanes of timeSteps ${timeSteps} (needs ` +
        `batchSize * timeSteps + 1 = ${batchSize * timeSteps + 1}). Lower batchSize or ` +
        "timeSteps, or use mode 'random'.",
    );
  }
  const laneLength = mode === 'sequential' ? chunks * timeSteps : n;
  const stepsPerEpoch = Math.max(1, chunks);
  const usedTokens = mode === 'sequential' ? batchSize * laneLength : n;

  const offsetsAt = (step: number): number[] => {
    if (mode === 'sequential') {
      const chunk = step % stepsPerEpoch;
      return Array.from({ length: batchSize }, (_, b) => b * laneLength + chunk * timeSteps);
    }
    const rng = createRandom(mixSeed(seed, step));
    return Array.from({ length: batchSize }, () => rng.int(n - timeSteps));
  };

  const windowAt = (step: number): ArrayBatch => {
    checkInteger(`${who}.windowAt`, 'step', step, 0, Number.MAX_SAFE_INTEGER);
    const inputs = new Int32Array(batchSize * timeSteps);
    const targets = new Int32Array(batchSize * timeSteps);
    offsetsAt(step).forEach((start, b) => {
      inputs.set(stream.subarray(start, start + timeSteps), b * timeSteps); // row b: [T]
      targets.set(stream.subarray(start + 1, start + timeSteps + 1), b * timeSteps); // row b: [T]
    });
    return {
      ids: inputs,
      mask: new Float32Array(batchSize * timeSteps).fill(1),
      targets,
      lengths: new Int32Array(batchSize).fill(timeSteps),
      batchSize,
      timeSteps,
      targetShape: [batchSize, timeSteps],
      rows: batchSize,
      step,
      epoch: Math.floor(step / stepsPerEpoch),
      resetState: mode === 'random' || step % stepsPerEpoch === 0,
    };
  };

  function* windows(range: StepRange = {}): Generator<ArrayBatch> {
    const start = checkInteger(who, 'startStep', range.startStep ?? defaultStart, 0);
    const end = rangeEnd(who, start, range.steps, stepsPerEpoch);
    for (let step = start; step < end; step++) yield windowAt(step);
  }

  return {
    mode,
    batchSize,
    timeSteps,
    stepsPerEpoch,
    report: { tokens: n, laneLength, stepsPerEpoch, usedTokens, unusedTokens: n - usedTokens },
    offsetOf(step, row) {
      checkInteger(`${who}.offsetOf`, 'step', step, 0, Number.MAX_SAFE_INTEGER);
      checkInteger(`${who}.offsetOf`, 'row', row, 0, batchSize - 1);
      return offsetsAt(step)[row]!;
    },
    windowAt,
    batchAt: (step) => toTensorBatch(windowAt(step)),
    windows,
    *batches(range = {}) {
      for (const batch of windows(range)) yield toTensorBatch(batch);
    },
  };
}
