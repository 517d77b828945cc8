/**
 * The `sentiment` suite's workload: the real `@recurrent/sentiment` model and training loop
 * on word input shaped like the cells suite's config B, trained once with every batch padded
 * to the maximum length and once with the package's length bucketing. The ids are synthetic
 * (seeded words over a 10,000-word vocabulary): throughput does not depend on what they say.
 */
import type { BackendChoice as CellsBackendChoice } from '../cells/cells-config.js';

/** The sentiment suite measures wasm and cpu (node-webgpu is a cells-suite check only). */
export type BackendChoice = Exclude<CellsBackendChoice, 'node-webgpu'>;

export const sentimentWorkload = Object.freeze({
  vocab: 10_000, // config B's vocabulary, the 4 special tokens included
  embeddingDim: 64, // config B's embedding width
  units: 128, // one unidirectional LSTM of 128 units, as config B
  maxLength: 200, // config B's time steps: the no-bucketing rows pad every batch to this
  minLength: 50, // real lengths uniform in [minLength, maxLength], as config B
  batch: 64, // config B's batch
  sentences: 1024, // 16 batches an epoch: every bucket is drawn within the timed steps
  buckets: 4, // the package's default number of length buckets
  seed: 7, // lengths, ids, labels and the batch order
});

/** The two ways of batching the same sentences. */
export type Batching = 'padded' | 'bucketed';

/** One measurement, run in a child process. */
export interface SentimentCaseSpec {
  readonly backend: BackendChoice;
  readonly batching: Batching;
  /** Untimed steps first (at least 1: tracing and the optimizer's slots); default one epoch. */
  readonly warmup?: number;
  /** Timed steps; default one epoch. */
  readonly steps?: number;
}

export interface SentimentCaseResult {
  /** Wall time of each timed step (batch building included), in order. */
  readonly stepTimesMs: readonly number[];
  /** The time steps (padded length) of each timed step's batch. */
  readonly stepLengths: readonly number[];
  /** Real (unpadded) tokens over the timed steps. */
  readonly realTokens: number;
  /** Positions computed over the timed steps (`batch x time` of each batch). */
  readonly paddedTokens: number;
  /** Distinct batch lengths the timed steps used. */
  readonly timeSteps: readonly number[];
  /** The batcher's own padding share over an epoch (with these buckets). */
  readonly epochPaddingShare: number;
  readonly peakRssBytes: number;
  readonly tensorDrift: number; // numTensors after the timed steps minus before (0 = no leak)
  readonly detail: string; // the backend's own description
}

/** Warm-up and timed steps per measurement when the flags do not say (undefined: one epoch). */
export const sentimentStepDefaults: Readonly<
  Record<'wasm' | 'cpu' | 'quick', { readonly warmup?: number; readonly steps?: number }>
> = Object.freeze({
  wasm: {}, // one epoch (16 padded or 18 bucketed steps, 0.2-0.5 s each) warms up, the next is timed
  cpu: { warmup: 1, steps: 3 }, // cpu is ~100x slower at matmuls: a few steps
  quick: { warmup: 2, steps: 6 }, // a first look: the first steps of a shape may be in the window
});
