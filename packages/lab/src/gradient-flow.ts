/**
 * `gradientFlow`: how much of the loss's gradient reaches each time step. For a cell of
 * `@recurrent/cells` (simple RNN, GRU, LSTM) and a batch, it returns ||dL/dh_t|| for every
 * step t (and ||dL/dc_t|| for the LSTM) from ONE backward pass.
 *
 * How: "probes". The sequence runs one step at a time through `runRnn` (on the fused path or
 * the step loop, as asked), and between steps each state tensor gets an additive probe:
 *
 *   s_t = step(x_t, s_{t-1} + p_{t-1}),   p_t = 0  [batch, size] for every t and state entry
 *
 * Adding zeros changes no number, but the gradient of L with respect to p_t is exactly the
 * total derivative dL/ds_t: every path from s_t to the loss (through the output at t, and
 * through all later steps) passes through s_t + p_t. One `tf.valueAndGrads` over all probes
 * gives every step's gradient at once, and since each step is a real `runRnn` call, the
 * fused path is measured through its own backward kernel (`tf.customGrad`).
 *
 * The LSTM's c_t is carried to step t+1 and also read, inside step t, by h_t = o_t
 * tanh(c_t), which no probe between steps can see; `dL/dc_t` adds that path in closed form
 * (`totalCellGradient`), so h and c are both total derivatives.
 *
 * The norm is the L2 norm over the whole batch of the gradient of the batch loss (for a
 * loss averaged over the batch, each row's part carries the factor 1/batch). Every step is
 * real: this measures unpadded batches (no mask). Gradients must be registered first
 * (`await registerGradients()` from `@recurrent/train`; `train()` does it too).
 */
import { type Cell, type LstmCell, lstmStepGates, runRnn } from '@recurrent/cells';
import { BackendError, ConfigError, ShapeError } from '@recurrent/errors';
import { hasGradients } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';

/**
 * The loss of one batch from the cell's outputs: `output` `[batch, units]` is h_T,
 * `sequence` `[batch, time, units]` is h_1..h_T (both with the probes added).
 */
export type GradientFlowLoss = (output: tf.Tensor2D, sequence: tf.Tensor3D) => tf.Scalar;

export interface GradientFlowOptions {
  /** Run each step on the cell's fused path (true) or the step loop (false). */
  readonly fused?: boolean;
  /** One `[batch, size]` tensor per state entry. Default: the cell's zeros. */
  readonly initialState?: tf.Tensor2D[];
}

export const gradientFlowDefaults = Object.freeze({
  fused: true, // the path training takes; the loop gives the same numbers within 1e-5
});

export interface GradientFlow {
  /** The loss of the batch. */
  readonly loss: number;
  /** ||dL/dh_t|| for t = 1..T: index 0 is the state after the first step, T-1 the last. */
  readonly h: number[];
  /** LSTM only: ||dL/dc_t|| for t = 1..T. */
  readonly c?: number[];
}

const kinds = ['rnn', 'gru', 'lstm'];

/**
 * The LSTM's total dL/dc_t: the gradient carried back into c_t from step t+1 (the probe's),
 * plus the path through this step's own output, h_t = o_t tanh(c_t):
 * dL/dc_t = carried + dL/dh_t * o_t * (1 - tanh(c_t)^2). `prev` is [h_{t-1}, c_{t-1}].
 */
function totalCellGradient(
  cell: LstmCell,
  x: tf.Tensor2D,
  prev: tf.Tensor2D[],
  dh: tf.Tensor, // [batch, units]
  carried: tf.Tensor | undefined, // [batch, units]; none after the last step
): tf.Tensor {
  const { state, o } = lstmStepGates(cell, x, prev); // o, c_t: [batch, units]
  const slope = tf.sub(1, tf.square(tf.tanh(state[1]))); // [batch, units]
  const own = tf.mul(dh, tf.mul(o, slope)); // [batch, units]
  return carried ? tf.add(carried, own) : own;
}

/** The loss `[]` and the norms `[time * stateSize.length]` (h_t, then c_t, per step), unread. */
interface FlowTensors {
  readonly value: tf.Tensor;
  readonly norms: tf.Tensor;
  readonly time: number;
  readonly n: number;
}

/**
 * @example
 * const cell = lstmCell({ inputSize: 4, units: 8 });
 * const x = tf.randomNormal([2, 6, 4]) as tf.Tensor3D;
 * const flow = gradientFlow(cell, x, (h) => tf.mean(tf.square(h)) as tf.Scalar);
 * flow.h; // 6 numbers: ||dL/dh_1|| ... ||dL/dh_6||; flow.c likewise
 */
export function gradientFlow(
  cell: Cell,
  x: tf.Tensor3D,
  loss: GradientFlowLoss,
  options: GradientFlowOptions = {},
): GradientFlow {
  const t = flowTensors(cell, x, loss, options);
  return readFlow(t, t.norms.dataSync(), t.value.dataSync());
}

/**
 * `gradientFlow` with asynchronous reads (`await tensor.data()`): the same numbers, and the
 * way to measure on backends whose synchronous reads are slow or broken (webgpu in a worker).
 *
 * @example
 * const flow = await gradientFlowAsync(cell, x, (h) => tf.mean(tf.square(h)) as tf.Scalar);
 */
export async function gradientFlowAsync(
  cell: Cell,
  x: tf.Tensor3D,
  loss: GradientFlowLoss,
  options: GradientFlowOptions = {},
): Promise<GradientFlow> {
  const t = flowTensors(cell, x, loss, options);
  try {
    const [norms, value] = await Promise.all([t.norms.data(), t.value.data()]);
    return readFlow(t, norms, value);
  } catch (error) {
    tf.dispose([t.value, t.norms]);
    throw error;
  }
}

/** Turns the read values into a `GradientFlow` and frees the tensors. */
function readFlow(t: FlowTensors, norms: tf.TypedArray, value: tf.TypedArray): GradientFlow {
  const { time, n } = t;
  const flat = Array.from(norms);
  const lossValue = value[0]!;
  tf.dispose([t.value, t.norms]);
  const entry = (i: number) => Array.from({ length: time }, (_, s) => flat[s * n + i]!);
  return n === 2 ? { loss: lossValue, h: entry(0), c: entry(1) } : { loss: lossValue, h: entry(0) };
}

function flowTensors(
  cell: Cell,
  x: tf.Tensor3D,
  loss: GradientFlowLoss,
  options: GradientFlowOptions,
): FlowTensors {
  const fused = options.fused ?? gradientFlowDefaults.fused;
  if (!kinds.includes(cell.kind)) {
    throw new ConfigError(
      `gradientFlow: expected a simple RNN, GRU or LSTM cell, got a ${cell.kind} cell "${cell.name}". Measure one layer at a time.`,
    );
  }
  if (x?.rank !== 3 || x.shape[2] !== cell.inputSize) {
    throw new ShapeError(
      `gradientFlow(${cell.name}): expected x of shape [batch, time, ${cell.inputSize}], got [${x?.shape?.join(', ')}].`,
    );
  }
  if (!hasGradients()) {
    throw new BackendError(
      "gradientFlow: tfjs-core's gradients are not registered. Run `await registerGradients()` (from @recurrent/train) once before measuring.",
    );
  }
  const [batch, time, features] = x.shape;
  const n = cell.stateSize.length; // 1, or 2 for the LSTM's (h, c)
  // Probe j of step t is state entry j after step t; the last step has only h's (c_T is
  // carried nowhere, so its carried gradient is 0 and a probe on it would hang loose).
  const probeAt = (t: number, j: number) => t * n + j;
  const probeCount = (time - 1) * n + 1;
  const { value, norms } = tf.tidy(() => {
    const probes = Array.from(
      { length: probeCount },
      (_, q) => tf.zeros([batch, cell.stateSize[q % n]!]) as tf.Tensor2D, // [batch, size]
    );
    // The LSTM's dL/dc_t reads the states and inputs after the backward pass: kept past the
    // gradient's own tidy, disposed below.
    const lstm = n === 2;
    const kept: tf.Tensor[] = [];
    const keep = <T extends tf.Tensor>(t: T): T => {
      if (lstm) kept.push(tf.keep(t));
      return t;
    };
    const states: tf.Tensor2D[][] = []; // the state before each step, probes included
    const xs: tf.Tensor2D[] = [];
    const f = (...p: tf.Tensor[]): tf.Scalar => {
      let state = options.initialState ?? cell.initialState(batch).map(keep); // [batch, size] each
      states.push(state);
      const hs: tf.Tensor2D[] = [];
      for (let t = 0; t < time; t++) {
        const xt = tf.slice(x, [0, t, 0], [batch, 1, features]) as tf.Tensor3D; // [batch, 1, in]
        xs.push(keep(tf.reshape(xt, [batch, features]) as tf.Tensor2D)); // [batch, in]
        const r = runRnn(cell, xt, { initialState: state, fused });
        const last = t === time - 1;
        state = r.state.map((s, j) =>
          last && j > 0 ? s : (tf.add(s, p[probeAt(t, j)]!) as tf.Tensor2D),
        ); // [batch, size] each
        states.push(state.map(keep));
        hs.push(state[0]!);
      }
      return loss(state[0]!, tf.stack(hs, 1) as tf.Tensor3D); // [batch, units], [batch, time, units]
    };
    const { value, grads } = tf.valueAndGrads(f)(probes);
    const out: tf.Tensor[] = [];
    for (let t = 0; t < time; t++) {
      const dh = grads[probeAt(t, 0)]!; // [batch, units]: dL/dh_t, every path
      out.push(tf.norm(dh));
      if (n === 2)
        out.push(
          tf.norm(
            totalCellGradient(
              cell as LstmCell,
              xs[t]!,
              states[t]!,
              dh,
              t < time - 1 ? grads[probeAt(t, 1)]! : undefined,
            ),
          ),
        );
    }
    const norms = tf.stack(out); // [time*n]
    tf.dispose(kept);
    return { value, norms };
  });
  return { value, norms, time, n };
}
