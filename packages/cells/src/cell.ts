/**
 * The one interface every recurrent cell implements. A cell is data (its weights) plus a
 * pure step; the time loop (`runRnn`) and the fused paths (`lstmSequence`, ...) drive it.
 *
 * Conventions (see DESIGN.md): tensors are batch-major; masks are `[batch, time]` float32
 * with 1 = real step, 0 = padding; the first state tensor is the output `h`.
 */
import type { Tensor2D, Variable } from '@tensorflow/tfjs-core';

/** A weight with a stable name such as `lstm_0/kernel`. */
export interface NamedWeight {
  readonly name: string;
  readonly variable: Variable;
}

/** What kind of cell this is; the fused sequence paths dispatch on it. */
export type CellKind = 'rnn' | 'lstm' | 'gru' | 'stack' | 'bidirectional';

export interface StepOptions {
  /** True while training (enables dropout in stacked cells). Default false. */
  readonly training?: boolean;
}

export interface StepResult {
  readonly output: Tensor2D; // [batch, outputSize]
  readonly state: Tensor2D[]; // one [batch, size] tensor per entry of stateSize
}

export interface Cell {
  readonly kind: CellKind;
  /** Name prefix of this cell's weights, e.g. `lstm_0`. */
  readonly name: string;
  readonly inputSize: number;
  readonly outputSize: number;
  /** Width of each state tensor, e.g. `[units, units]` for an LSTM's (h, c). */
  readonly stateSize: readonly number[];
  readonly weights: readonly NamedWeight[];
  /** Zeros of shape `[batch, size]` for each state tensor. */
  initialState(batch: number): Tensor2D[];
  /** One time step: `x` is `[batch, inputSize]`. */
  step(x: Tensor2D, state: Tensor2D[], options?: StepOptions): StepResult;
}
