/**
 * The contract between `train()` and a model and its data. Minimal on purpose: any task
 * (char-LM, sentiment, captioning, clinical) implements it with its own batch type.
 */
import type { Random } from '@recurrent/random';
import type * as tf from '@tensorflow/tfjs-core';

/** A trainable weight with a stable name (`lstm_0/kernel`): the key in weights.safetensors. */
export interface NamedVariable {
  name: string;
  variable: tf.Variable;
}

/** What `loss()` gets besides the batch. */
export interface LossContext {
  /** 0-based index of the update being computed (the batch is `data.batchAt(step)`). */
  step: number;
  training: true;
  /**
   * The trainer's seeded generator, saved in every checkpoint: draw dropout seeds from it
   * (`tf.randomUniform(shape, 0, 1, 'float32', ctx.rng.int(2 ** 31))`) so runs and resumes repeat.
   */
  rng: Random;
}

export interface Trainable<Batch> {
  /**
   * Every trainable weight, in a fixed order (optimizer slots follow it). Names must be unique;
   * they are the keys of weights.safetensors.
   */
  readonly variables: readonly NamedVariable[];
  /** The scalar loss of one batch. Synchronous: it runs inside `tf.variableGrads` and a tidy. */
  loss(batch: Batch, ctx: LossContext): tf.Scalar;
  /** Validation metrics such as `{ valLoss: 1.23, bpc: 1.77 }`; must dispose its own tensors. */
  evaluate?(ctx: { step: number }): Promise<Record<string, number>>;
  /** Clears carried state (stateful RNNs); called at the start of a run and of every epoch. */
  resetState?(): void;
  /**
   * The state carried from one batch to the next (a stateful RNN's hidden state), as named
   * tensors saved with every checkpoint in model-state.safetensors, so a resume continues
   * exactly. The trainer only reads them (it does not dispose them). Give restoreState too.
   */
  saveState?(): Record<string, tf.Tensor>;
  /**
   * Puts saved carried state back when a run resumes (after resetState(); not when the next
   * step starts an epoch, whose state is reset anyway). The trainer disposes the tensors
   * after the call: clone what you keep.
   */
  restoreState?(tensors: Record<string, tf.Tensor>): void;
  /** Sequences and tokens in a batch, for items/s and tokens/s. Without it, items are batches. */
  countBatch?(batch: Batch): { items: number; tokens?: number };
}

/**
 * Data as a pure function of the step: `batchAt(step)` must return the same batch for the same
 * step in every run (shuffle with a seeded generator per epoch), which makes resume exact.
 */
export interface IndexedData<Batch> {
  batchAt(step: number): Batch | Promise<Batch>;
  /** Batches per epoch: needed for `epochs` and for calling `resetState` at epoch starts. */
  stepsPerEpoch?: number;
  /** Frees a batch after its step. Default: `tf.dispose(batch)` (every tensor in it). */
  dispose?(batch: Batch): void;
}

/** Data as an iterator that can start at any step (for streams); must also be deterministic. */
export interface StreamedData<Batch> {
  batches(fromStep: number): Iterator<Batch> | AsyncIterator<Batch>;
  stepsPerEpoch?: number;
  dispose?(batch: Batch): void;
}

export type DataSource<Batch> = IndexedData<Batch> | StreamedData<Batch>;
