/**
 * The fused GRU sequence path on the webgpu backend (browser, or node-webgpu over Dawn):
 * `gruSequence` runs this kernel instead of its tfjs-ops one when webgpu is active, for both
 * `resetAfter: true` (bias `[2, 3*units]`) and `false` (bias `[3*units]`). The same numbers
 * as the cpu backend (the conformance cases in test-utils/).
 *
 * Forward: `x K + b` for all steps is ONE tfjs matmul. With resetAfter each step is TWO
 * dispatches, the recurrent matmul `h_prev R` (`stridedProduct`, reading h in place from
 * the previous record) and the gates and state update (`gruForwardStep`), against 18
 * dispatches on the tfjs-ops path (counted on node-webgpu); without it, four against 17 (the
 * reset gate comes before the candidate's matmul: gru-before-step-programs.ts). Backward (via
 * `fusedSequence`): with resetAfter each step back is `gruBackwardStep` and `dz R^T` (tfjs
 * ops: 10), without it four dispatches (16); then `dK`, `dR`, `db` and `dx` are single
 * matmuls / column sums over all steps.
 *
 * Masks are `[batch, time]`, 1 = real step, 0 = padding: padded steps carry h forward and
 * emit zeros; with `reverse` the walk starts at each row's last real step.
 */
import * as tf from '@tensorflow/tfjs-core';
import { columnSums, inputGradient, timeMajorRows, transposedProduct } from '../fused-grads.js';
import { packOutputs, stackRows } from '../fused-result.js';
import type { FusedGradients, FusedInputs, FusedKernel } from '../fused-sequence.js';
import { sliceColumns, sliceRows } from '../fused-slice.js';
import type { GruPlan } from '../gru-plan.js';
import { gruBeforeBackward, gruBeforeStepper } from './gru-before-passes.js';
import { gruBackwardStep, gruForwardStep } from './gru-step-programs.js';
import { stridedProduct } from './strided-product.js';

/** What the forward pass keeps for the backward pass. */
export interface GruWebgpuSaved {
  readonly x2: tf.Tensor2D; // [time*batch, in]: x as time-major rows
  readonly kernel: tf.Tensor2D; // [in, 3*units]
  readonly recurrent: tf.Tensor2D; // [units, 3*units]
  readonly records: tf.Tensor2D; // [time*batch, k*units]: forward records (time order), h first
  readonly mask?: tf.Tensor2D; // [batch, time] float32: masked calls only
}

/** One forward step: from the previous record (h first) to this step's record. */
export type GruStepper = (previous: tf.Tensor2D, t: number, keep: boolean) => tf.Tensor2D;

/** The resetAfter step: `x K + b_x` (b_x with the z, r recurrent bias folded in) and `b_h`. */
function afterStepper(
  p: GruPlan,
  inputs: FusedInputs,
  x2: tf.Tensor2D, // [time*batch, in]
): { step: GruStepper; dispose(): void } {
  const { units } = p;
  const b2 = inputs.bias as tf.Tensor2D; // [2, 3*units]
  const bRec = sliceRows(b2, 1, 1); // [1, 3*units]
  const hBias = sliceColumns(bRec, 2 * units, units); // [1, units]
  const zrOnly = tf.concat([tf.ones([1, 2 * units]), tf.zeros([1, units])], 1); // [1, 3*units]
  const xBias = tf.add(sliceRows(b2, 0, 1), tf.mul(bRec, zrOnly)); // [1, 3*units]
  const projection: tf.Tensor2D = tf.add(tf.matMul(x2, inputs.kernel), xBias); // [time*batch, 3*units]
  tf.dispose([bRec, zrOnly, xBias]);
  const step: GruStepper = (previous, t, keep) =>
    tf.tidy(() =>
      gruForwardStep({
        activation: p.activation,
        product: stridedProduct(previous, inputs.recurrent), // [batch, 3*units]
        projection,
        recurrentBias: hBias,
        previous,
        ...(p.mask ? { mask: p.mask } : {}),
        t,
        keep,
      }),
    ); // [batch, 6*units] or [batch, units]
  return { step, dispose: () => tf.dispose([projection, hBias]) };
}

function forward(p: GruPlan, inputs: FusedInputs): { value: tf.Tensor3D; saved?: GruWebgpuSaved } {
  const [h0] = inputs.states as [tf.Tensor2D];
  const { batch, time, units } = p;
  const x2 = timeMajorRows(inputs.x); // [time*batch, in]
  const stepper = p.resetAfter ? afterStepper(p, inputs, x2) : gruBeforeStepper(p, inputs, x2);
  const keepOutputs = p.keep || p.returnSequences;
  const records: tf.Tensor2D[] = new Array(time); // by time index
  let previous = h0;
  for (let s = 0; s < time; s++) {
    const t = p.reverse ? time - 1 - s : s;
    const before = previous;
    previous = stepper.step(before, t, keepOutputs); // [batch, k*units], h first
    if (keepOutputs) records[t] = previous;
    else if (before !== h0) before.dispose();
  }
  stepper.dispose();
  const last = previous; // the record of the walk's last step
  const state = [sliceColumns(last, 0, units)]; // [batch, units]
  if (!keepOutputs) {
    tf.dispose([last, x2]);
    return { value: packOutputs(undefined, state, batch, units) };
  }
  const all = stackRows(records); // [time*batch, k*units]
  const hAll = sliceColumns(all, 0, units); // [time*batch, units]
  const mRows = p.mask && tf.reshape<tf.Rank.R2>(tf.transpose(p.mask), [time * batch, 1]); // [time*batch, 1]
  const emitted = p.returnSequences ? (mRows ? tf.mul<tf.Tensor2D>(hAll, mRows) : hAll) : undefined;
  const value = packOutputs(emitted, state, batch, units); // [steps + 1, batch, units]
  tf.dispose([hAll, mRows ?? []]);
  if (!p.keep) {
    tf.dispose([all, x2]);
    return { value };
  }
  const { kernel, recurrent } = inputs as { kernel: tf.Tensor2D; recurrent: tf.Tensor2D };
  return {
    value,
    saved: { x2, kernel, recurrent, records: all, ...(p.mask ? { mask: p.mask } : {}) },
  };
}

/** The resetAfter backward pass (records `h, h_prev, z, r, n, q`; see gru-step-programs.ts). */
function backwardAfter(p: GruPlan, dy: tf.Tensor3D, saved: GruWebgpuSaved): FusedGradients {
  const { batch, time, units } = p;
  const steps = dy.shape[0] - 1;
  const dyRows = tf.reshape<tf.Rank.R2>(dy, [-1, units]); // [(steps+1)*batch, units]
  const dhLast = sliceRows(dyRows, steps * batch, batch); // [batch, units]
  // The record "after" the walk's last step: no gate gradients, and dh as its carry.
  let next = tf.concat<tf.Tensor2D>([tf.zeros([batch, 4 * units]), dhLast], 1); // [batch, 5*units]
  let carried = tf.zeros<tf.Rank.R2>([batch, units]); // [batch, units]
  const rT = tf.transpose<tf.Tensor2D>(saved.recurrent); // [3*units, units]
  const grads: tf.Tensor2D[] = new Array(time); // backward records by time index
  const start = next;
  for (let s = 0; s < time; s++) {
    const t = p.reverse ? s : time - 1 - s;
    const record = gruBackwardStep({
      activation: p.activation,
      carried,
      next,
      forward: saved.records,
      ...(saved.mask ? { mask: saved.mask } : {}),
      ...(steps > 0 ? { sequenceGrads: dyRows } : {}),
      t,
    }); // [batch, 5*units]
    carried.dispose();
    carried = stridedProduct(record, rT); // [batch, units]: dz R^T
    grads[t] = record;
    next = record;
  }
  tf.dispose([start, rT]);
  const dh = tf.add<tf.Tensor2D>(carried, sliceColumns(next, 4 * units, units)); // [batch, units]
  carried.dispose();
  const all = stackRows(grads); // [time*batch, 5*units]
  const dzH = sliceColumns(all, 0, 3 * units); // [time*batch, 3*units]: grads of h R_z, h R_r, q
  const dzX = tf.concat<tf.Tensor2D>(
    [sliceColumns(all, 0, 2 * units), sliceColumns(all, 3 * units, units)],
    1,
  ); // [time*batch, 3*units]: grads of x K + b_x
  const hPrev = sliceColumns(saved.records, units, units); // [time*batch, units]
  return {
    dx: () => inputGradient(dzX, saved.kernel, batch, time), // [batch, time, in]: only when x needs it
    dKernel: transposedProduct(saved.x2, dzX), // [in, 3*units]
    dRecurrent: transposedProduct(hPrev, dzH), // [units, 3*units]
    dBias: tf.stack([columnSums(dzX), columnSums(dzH)]), // [2, 3*units]
    dStates: [dh], // [batch, units]
  };
}

/** The GRU's fused passes on webgpu (see the header). */
export const gruWebgpuKernel: FusedKernel<GruPlan, GruWebgpuSaved> = {
  stateCount: 1,
  forward,
  backward: (p, dy, saved) =>
    p.resetAfter ? backwardAfter(p, dy, saved) : gruBeforeBackward(p, dy, saved),
};
