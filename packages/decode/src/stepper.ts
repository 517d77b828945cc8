/**
 * The contract every decoder drives: a model seen as `(previous tokens, state) -> (logits,
 * state)`, one row per sequence. The state is opaque to the decoders (a cell's
 * `Tensor2D[]`, an object of tensors, anything); they only pass it back, reorder its rows
 * for beam search, and dispose it.
 *
 * Ownership, so that nothing leaks:
 * - The caller owns `initialState`; the decoders never dispose it, so it can be reused.
 * - Every state returned by `step` or `selectRows` belongs to the decoder, which frees it
 *   as soon as it is replaced, and the last one when decoding ends (also on error, abort or
 *   an early `break` out of a stream). By default it disposes every tensor found in the old
 *   state (arrays, plain objects, Maps) that is not also in the new state or in
 *   `initialState`, so a state may carry tensors through unchanged (e.g. image features).
 * - `logits` belongs to the decoder, which reads and disposes it at once. Return a fresh
 *   tensor (not one kept inside the state).
 */
import type { Tensor2D } from '@tensorflow/tfjs-core';

export interface StepResult<S> {
  /** Next-token logits, one row per input token: `[batch, vocab]`. */
  readonly logits: Tensor2D;
  /** The state after reading the tokens, for the same rows in the same order. */
  readonly state: S;
}

export interface Stepper<S> {
  /**
   * Reads one token per row (`tokens[i]` is row i's previous token) and returns the logits
   * of the next token for every row and the new state. Must not dispose `state`.
   */
  step(tokens: Int32Array, state: S): StepResult<S>;
  /**
   * A new state made of rows `rows[0], rows[1], ...` of `state` (rows may repeat, the result
   * may have more or fewer rows). Beam search needs it to follow the surviving beams;
   * `gatherStateRows` implements it for any state made of tensors batched along axis 0.
   * Must not dispose `state`.
   */
  selectRows?(state: S, rows: Int32Array): S;
  /**
   * Frees a state the decoder no longer needs (never called on `initialState`). Leave it
   * out unless the default (dispose the tensors not carried into the next state) is wrong
   * for your state, e.g. when it holds resources other than tensors.
   */
  disposeState?(state: S): void;
}

/** A stepper that can reorder its state: what `beamSearch` needs. */
export type BeamStepper<S> = Stepper<S> & {
  selectRows(state: S, rows: Int32Array): S;
};
