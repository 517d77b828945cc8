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

/**
 * The lecture's simple RNN, `h_t = act(h_{t-1} W + x_t U + b)`.
 * `kernel` is U `[inputSize, units]`, `recurrentKernel` is W `[units, units]`, `bias` b `[units]`.
 */
export interface SimpleRnnCell extends Cell {
  readonly kind: 'rnn';
  readonly units: number;
  readonly activation: 'tanh' | 'relu';
  readonly kernel: Variable; // [inputSize, units]
  readonly recurrentKernel: Variable; // [units, units]
  readonly bias: Variable; // [units]
}

/**
 * LSTM with the Keras gate order (i, f, c, o) along the last axis of every weight.
 * State is `[h, c]`.
 */
export interface LstmCell extends Cell {
  readonly kind: 'lstm';
  readonly units: number;
  readonly recurrentActivation: 'sigmoid' | 'hardSigmoid';
  readonly kernel: Variable; // [inputSize, 4*units]
  readonly recurrentKernel: Variable; // [units, 4*units]
  readonly bias: Variable; // [4*units]
}

/**
 * GRU with the Keras gate order (z, r, h) along the last axis. With `resetAfter: true`
 * (Keras/cuDNN default) the reset gate multiplies `(h W_h + b_rh)` and the bias is
 * `[2, 3*units]` (row 0 input bias, row 1 recurrent bias); with `resetAfter: false` it
 * multiplies h before the matmul and the bias is `[3*units]`.
 */
export interface GruCell extends Cell {
  readonly kind: 'gru';
  readonly units: number;
  readonly resetAfter: boolean;
  readonly recurrentActivation: 'sigmoid' | 'hardSigmoid';
  readonly kernel: Variable; // [inputSize, 3*units]
  readonly recurrentKernel: Variable; // [units, 3*units]
  readonly bias: Variable; // [3*units] or [2, 3*units] when resetAfter
}
