/**
 * The fused LSTM sequence path on the webgpu backend (browser, or node-webgpu over Dawn):
 * `lstmSequence` runs this kernel instead of its tfjs-ops one when webgpu is active. The
 * same numbers as the cpu backend (the conformance cases in test-utils/).
 *
 * Forward: `x K + b` for all steps is ONE tfjs matmul; each step is TWO dispatches, the
 * recurrent matmul `h_prev R` (`stridedProduct`, reading h in place from the previous
 * record) and the gates and state update (`lstmForwardStep`), against about ten tfjs kernels
 * (matmul, add, slices, sigmoid, tanh, muls, mask blends) on the tfjs-ops path.
 * Backward (a `tf.customGrad`, via `fusedSequence`): each step back is `lstmBackwardStep`
 * (the gate gradients, dc_prev, and the carry of padded steps) and `dz R^T`; then
 * `dK`, `dR`, `db` and `dx` are single matmuls over all steps (`layerGradients`).
 *
 * Masks are `[batch, time]`, 1 = real step, 0 = padding: padded steps carry (h, c) forward
 * and emit zeros; with `reverse` the walk starts at each row's last real step.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { RecurrentActivation } from '../../recurrent-activation.js';
import { layerGradients, timeMajorRows } from '../fused-grads.js';
import { packOutputs, stackRows } from '../fused-result.js';
import type { FusedGradients, FusedInputs, FusedKernel, FusedPlan } from '../fused-sequence.js';
import { sliceColumns, sliceRows } from '../fused-slice.js';
import { lstmBackwardStep, lstmForwardStep } from './lstm-step-programs.js';
import { stridedProduct } from './strided-product.js';

interface Plan extends FusedPlan {
  readonly activation: RecurrentActivation;
}

/** What the forward pass keeps for the backward pass. */
interface Saved {
  readonly x2: tf.Tensor2D; // [time*batch, in]: x as time-major rows
  readonly kernel: tf.Tensor2D; // [in, 4*units]
  readonly recurrent: tf.Tensor2D; // [units, 4*units]
  readonly records: tf.Tensor2D; // [time*batch, 7*units]: forward records (time order)
  readonly hAll: tf.Tensor2D; // [time*batch, units]: carried h after each step
  readonly h0: tf.Tensor2D; // [batch, units]
  readonly mask?: tf.Tensor2D; // [batch, time] float32: masked calls only
}

function forward(p: Plan, inputs: FusedInputs): { value: tf.Tensor3D; saved?: Saved } {
  const { x, kernel, recurrent, bias } = inputs;
  const [h0, c0] = inputs.states as [tf.Tensor2D, tf.Tensor2D];
  const { batch, time, units } = p;
  const x2 = timeMajorRows(x); // [time*batch, in]
  const projection: tf.Tensor2D = tf.add(tf.matMul(x2, kernel), bias); // [time*batch, 4*units]
  const first = tf.concat<tf.Tensor2D>([h0, c0], 1); // [batch, 2*units]: a record's first blocks
  const keepOutputs = p.keep || p.returnSequences;
  const records: tf.Tensor2D[] = new Array(time); // by time index
  let previous = first;
  for (let s = 0; s < time; s++) {
    const t = p.reverse ? time - 1 - s : s;
    const before = previous;
    previous = tf.tidy(() =>
      lstmForwardStep({
        activation: p.activation,
        product: stridedProduct(before, recurrent), // [batch, 4*units]
        projection,
        previous: before,
        ...(p.mask ? { mask: p.mask } : {}),
        t,
        keep: keepOutputs,
      }),
    ); // [batch, 7*units] or [batch, 2*units]
    if (keepOutputs) records[t] = previous;
    else if (before !== first) before.dispose();
  }
  projection.dispose();
  const last = previous; // the record of the walk's last step
  const state = [sliceColumns(last, 0, units), sliceColumns(last, units, units)]; // [batch, units] each
  if (!keepOutputs) {
    tf.dispose([first, last]);
    return { value: packOutputs(undefined, state, batch, units) };
  }
  first.dispose();
  const all = stackRows(records); // [time*batch, 7*units]
  const hAll = sliceColumns(all, 0, units); // [time*batch, units]
  const mRows = p.mask && tf.reshape<tf.Rank.R2>(tf.transpose(p.mask), [time * batch, 1]); // [time*batch, 1]
  const emitted = p.returnSequences ? (mRows ? tf.mul<tf.Tensor2D>(hAll, mRows) : hAll) : undefined;
  const value = packOutputs(emitted, state, batch, units); // [steps + 2, batch, units]
  mRows?.dispose();
  if (!p.keep) {
    tf.dispose([all, hAll]);
    return { value };
  }
  const saved: Saved = {
    x2,
    kernel,
    recurrent,
    records: all,
    hAll,
    h0,
    ...(p.mask ? { mask: p.mask } : {}),
  };
  return { value, saved };
}

function backward(p: Plan, dy: tf.Tensor3D, saved: Saved): FusedGradients {
  const { batch, time, units } = p;
  const steps = dy.shape[0] - 2;
  const dyRows = tf.reshape<tf.Rank.R2>(dy, [-1, units]); // [(steps+2)*batch, units]
  const dhLast = sliceRows(dyRows, steps * batch, batch); // [batch, units]
  const dcLast = sliceRows(dyRows, (steps + 1) * batch, batch); // [batch, units]
  // The record "after" the walk's last step: no gate gradients, dc, and dh as its carry.
  let next = tf.concat<tf.Tensor2D>([tf.zeros([batch, 4 * units]), dcLast, dhLast], 1); // [batch, 6*units]
  let carried = tf.zeros<tf.Rank.R2>([batch, units]); // [batch, units]
  const rT = tf.transpose<tf.Tensor2D>(saved.recurrent); // [4*units, units]
  const grads: tf.Tensor2D[] = new Array(time); // backward records by time index
  const start = next;
  for (let s = 0; s < time; s++) {
    const t = p.reverse ? s : time - 1 - s;
    const record = lstmBackwardStep({
      activation: p.activation,
      carried,
      next,
      forward: saved.records,
      ...(saved.mask ? { mask: saved.mask } : {}),
      ...(steps > 0 ? { sequenceGrads: dyRows } : {}),
      t,
    }); // [batch, 6*units]
    carried.dispose();
    carried = stridedProduct(record, rT); // [batch, units]: dz R^T
    grads[t] = record;
    next = record;
  }
  start.dispose();
  rT.dispose();
  const dh = tf.add<tf.Tensor2D>(carried, sliceColumns(next, 5 * units, units)); // [batch, units]
  const dc = sliceColumns(next, 4 * units, units); // [batch, units]
  carried.dispose();
  const all = stackRows(grads); // [time*batch, 6*units]
  const dz = sliceColumns(all, 0, 4 * units); // [time*batch, 4*units]: the gate gradients
  all.dispose();
  return { ...layerGradients(p, dz, saved), dStates: [dh, dc] }; // [batch, units] each
}

/** The LSTM's fused passes on webgpu (see the header). */
export const lstmWebgpuKernel: FusedKernel<Plan, Saved> = { stateCount: 2, forward, backward };
