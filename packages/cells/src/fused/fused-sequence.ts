/**
 * The one front door of the fused sequence paths (`lstmSequence`, `gruSequence`,
 * `rnnSequence`): it builds the call's plan, wraps a cell kind's forward and backward pass
 * in ONE differentiable op, and unpacks the op's packed result into an `RnnResult`.
 *
 * A kernel's forward pass names the tensors its backward pass needs in a record
 * (`{ x2, hAll, ... }`); the op (`lazyGradientOp`, tf.customGrad with on-demand input
 * gradients) saves a list, so the front door writes the record's
 * defined entries in key order and hands the backward pass the same record back. The
 * backward pass names its gradients too (`{ dx, dKernel, dRecurrent, dBias, dStates }`).
 *
 * Masks are `[batch, time]`, 1 = real step, 0 = padding.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { RnnResult } from '../rnn-options.js';
import type { FusedSequenceOptions, FusedSizes, FusedWeights } from './fused-check.js';
import { fusedResult, isTaping } from './fused-result.js';
import { lazyGradientOp } from './lazy-gradient-op.js';

/** What every fused call runs with; each cell kind adds its own fields (activation, ...). */
export interface FusedPlan extends FusedSizes {
  readonly reverse: boolean;
  readonly returnSequences: boolean;
  readonly mask: tf.Tensor2D | undefined; // [batch, time] float32
  readonly keep: boolean; // a tape records: keep what the backward pass needs
}

/** The inputs of one fused op, by name. */
export interface FusedInputs {
  readonly x: tf.Tensor3D; // [batch, time, in]
  readonly kernel: tf.Tensor2D; // [in, gates*units]
  readonly recurrent: tf.Tensor2D; // [units, gates*units]
  readonly bias: tf.Tensor; // [gates*units] (GRU resetAfter: [2, 3*units])
  readonly states: readonly tf.Tensor2D[]; // stateCount x [batch, units]: (h) or (h, c)
}

/**
 * The gradients of the loss with respect to each input of `FusedInputs`. `dx` may be a
 * function: it then runs only when the input needs a gradient (not for data such as one-hot
 * characters; see `lazy-gradient-op.ts`).
 */
export interface FusedGradients {
  readonly dx: tf.Tensor3D | (() => tf.Tensor3D); // [batch, time, in]
  readonly dKernel: tf.Tensor2D; // [in, gates*units]
  readonly dRecurrent: tf.Tensor2D; // [units, gates*units]
  readonly dBias: tf.Tensor; // the bias's shape
  readonly dStates: readonly tf.Tensor2D[]; // stateCount x [batch, units]
}

/** Tensors a forward pass keeps for its backward pass, by name; absent entries are not saved. */
export type SavedTensors<S> = { readonly [K in keyof S]?: tf.Tensor };

/** One cell kind's fused passes. */
export interface FusedKernel<P extends FusedPlan, S extends SavedTensors<S>> {
  /** How many state tensors the op takes and returns: 1 (h) or 2 (h, c). */
  readonly stateCount: number;
  /**
   * The packed result `[steps + stateCount, batch, units]` (see `fused-result.ts`) and, when
   * `plan.keep`, what the backward pass needs.
   */
  forward(plan: P, inputs: FusedInputs): { value: tf.Tensor3D; saved?: S };
  /** The gradients from `dy` (the packed result's shape) and what the forward pass saved. */
  backward(plan: P, dy: tf.Tensor3D, saved: S): FusedGradients;
}

/** The plan fields a cell kind adds to `FusedPlan`. */
export type PlanExtras<P extends FusedPlan> = Omit<P, keyof FusedPlan>;

/**
 * Runs `kernel` over `x` with `weights` (already checked: `sizes` comes from
 * `checkFusedInputs`) as one differentiable op; returns what `runRnn` returns.
 */
export function fusedSequence<P extends FusedPlan, S extends SavedTensors<S>>(
  kernel: FusedKernel<P, S>,
  x: tf.Tensor3D,
  weights: FusedWeights,
  sizes: FusedSizes,
  options: FusedSequenceOptions,
  extras: PlanExtras<P>,
): RnnResult {
  const { batch, time, units } = sizes;
  return tf.tidy(() => {
    const states =
      options.initialState ??
      Array.from({ length: kernel.stateCount }, () => tf.zeros<tf.Rank.R2>([batch, units])); // [batch, units] each
    const plan = {
      ...sizes,
      ...extras,
      reverse: options.reverse === true,
      returnSequences: options.returnSequences === true,
      mask: options.mask && tf.cast(options.mask, 'float32'),
      keep: isTaping(),
    } as P;
    const op = lazyGradientOp<tf.Tensor3D>((args, save) => {
      const [xIn, k, r, b, ...hs] = args;
      const inputs: FusedInputs = {
        x: xIn as tf.Tensor3D,
        kernel: k as tf.Tensor2D,
        recurrent: r as tf.Tensor2D,
        bias: b!,
        states: hs as tf.Tensor2D[],
      };
      const { value, saved } = kernel.forward(plan, inputs);
      const names = saved ? savedNames(saved) : [];
      if (saved && names.length > 0) save(names.map((name) => saved[name] as tf.Tensor));
      const gradFunc = (dy: tf.Tensor3D, list: tf.Tensor[]) => {
        const record = Object.fromEntries(names.map((name, i) => [name, list[i]])) as S;
        const g = kernel.backward(plan, dy, record);
        return [g.dx, g.dKernel, g.dRecurrent, g.dBias, ...g.dStates];
      };
      return { value, gradFunc };
    });
    const packed = op(x, weights.kernel, weights.recurrentKernel, weights.bias, ...states);
    return fusedResult(packed, time, kernel.stateCount, plan.mask) as unknown as tf.TensorContainer;
  }) as unknown as RnnResult;
}

/** The keys of `saved` whose tensors are present, in the record's order. */
function savedNames<S extends SavedTensors<S>>(saved: S): (keyof S)[] {
  return (Object.keys(saved) as (keyof S)[]).filter((name) => saved[name] !== undefined);
}
