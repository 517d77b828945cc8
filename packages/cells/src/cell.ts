/**
 * The one interface every recurrent cell implements. A cell is data (its weights) plus a
 * pure step; the time loop (`runRnn`) and the fused paths (`lstmSequence`, ...) drive it.
 *
 * Conventions (see DESIGN.md): tensors are batch-major; masks are `[batch, time]` float32
 * with 1 = real step, 0 = padding; the first state tensor is the output `h`.
 *
 * Side inputs: a cell may declare per-step inputs besides `x` (`sideInputs`, each a name and
 * a width; GRU-D reads the observed mask and the time since the last observation). Its
 * `step` then takes one `[batch, size]` tensor per name in `options.sideInputs`, and
 * `runRnn` takes one `[batch, time, size]` tensor per name and slices it per step. Cells
 * that declare none ignore the option; passing one they do not declare is an error.
 */
import type { Tensor1D, Tensor2D, Variable } from '@tensorflow/tfjs-core';

/** A weight with a stable name such as `lstm_0/kernel`. */
export interface NamedWeight {
  readonly name: string;
  readonly variable: Variable;
}

/** What kind of cell this is; the fused sequence paths dispatch on it. */
export type CellKind = 'rnn' | 'lstm' | 'gru' | 'gru-d' | 'stack' | 'bidirectional';

/** A per-step input a cell reads besides `x`: `[batch, size]` per step, `[batch, time, size]` per sequence. */
export interface SideInput {
  readonly name: string;
  readonly size: number;
}

export interface StepOptions {
  /** True while training (enables dropout in stacked cells). Default false. */
  readonly training?: boolean;
  /** One `[batch, size]` tensor per entry of `cell.sideInputs`, keyed by name. Default none. */
  readonly sideInputs?: Readonly<Record<string, Tensor2D>>;
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
  /** The per-step inputs besides `x` that `step` needs; absent or empty for most cells. */
  readonly sideInputs?: readonly SideInput[];
  /** Zeros of shape `[batch, size]` for each state tensor. */
  initialState(batch: number): Tensor2D[];
  /** One time step: `x` is `[batch, inputSize]`, side inputs (if any) in `options.sideInputs`. */
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
  /** PyTorch's second bias (`bias_hh`), only with `recurrentBias: true`; the gates add both. */
  readonly recurrentBias?: Variable; // [4*units]
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

/**
 * GRU-D (Che et al. 2018): a GRU whose input decays from the last observation towards the
 * empirical mean and whose hidden state decays with the time since the last observation.
 * Side inputs `observed` and `delta`, each `[batch, inputSize]` per step. State is
 * `[h, xLast - mean]` (the last observed values relative to the mean; zeros before any).
 * Gates (z, r, h) as `gruCell({ resetAfter: false })`.
 */
export interface GruDCell extends Cell {
  readonly kind: 'gru-d';
  readonly units: number;
  readonly sideInputs: readonly SideInput[];
  readonly kernel: Variable; // [inputSize, 3*units], applied to the imputed x
  readonly recurrentKernel: Variable; // [units, 3*units], applied to the decayed h
  readonly maskKernel: Variable; // [inputSize, 3*units], applied to the observed mask
  readonly bias: Variable; // [3*units]
  readonly inputDecayKernel: Variable; // [inputSize], diagonal: one rate per variable
  readonly inputDecayBias: Variable; // [inputSize]
  readonly hiddenDecayKernel: Variable; // [inputSize, units]
  readonly hiddenDecayBias: Variable; // [units]
  /** What a missing value decays towards (`[inputSize]`, not trained; dispose it with the cell). */
  readonly mean: Tensor1D;
}
