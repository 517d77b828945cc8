/**
 * The fused simple-RNN sequence path on the webgpu backend (browser, or node-webgpu over
 * Dawn): `rnnSequence` runs this kernel instead of its tfjs-ops one when webgpu is active.
 * The same numbers as the cpu backend (the conformance cases in test-utils/).
 *
 * Forward: `x U + b` for all steps is ONE tfjs matmul; each step is TWO dispatches, the
 * recurrent matmul `h_prev W` (`stridedProduct`) and the activation with the mask blend
 * (`rnnForwardStep`), against 7 dispatches on the tfjs-ops path (8 a step back; counted on
 * node-webgpu). Backward (via
 * `fusedSequence`): each step back is `rnnBackwardStep` (`dz` and the carry of padded steps)
 * and `dz W^T`; then `dU`, `dW`, `db` and `dx` are single matmuls over all steps
 * (`layerGradients`).
 *
 * Masks are `[batch, time]`, 1 = real step, 0 = padding: padded steps carry h forward and
 * emit zeros; with `reverse` the walk starts at each row's last real step.
 */
import * as tf from '@tensorflow/tfjs-core';
import { layerGradients, timeMajorRows } from '../fused-grads.js';
import { packOutputs, stackRows } from '../fused-result.js';
import type { FusedGradients, FusedInputs, FusedKernel, FusedPlan } from '../fused-sequence.js';
import { sliceColumns, sliceRows } from '../fused-slice.js';
import { type RnnActivation, rnnBackwardStep, rnnForwardStep } from './rnn-step-programs.js';
import { stridedProduct } from './strided-product.js';

interface Plan extends FusedPlan {
  readonly activation: RnnActivation;
}

/** What the forward pass keeps for the backward pass. */
interface Saved {
  readonly x2: tf.Tensor2D; // [time*batch, in]: x as time-major rows
  readonly kernel: tf.Tensor2D; // [in, units]
  readonly recurrent: tf.Tensor2D; // [units, units]
  readonly hAll: tf.Tensor2D; // [time*batch, units]: carried h after each step
  readonly h0: tf.Tensor2D; // [batch, units]
  readonly mask?: tf.Tensor2D; // [batch, time] float32: masked calls only
}

function forward(p: Plan, inputs: FusedInputs): { value: tf.Tensor3D; saved?: Saved } {
  const { x, kernel, recurrent, bias } = inputs;
  const [h0] = inputs.states as [tf.Tensor2D];
  const { batch, time, units } = p;
  const x2 = timeMajorRows(x); // [time*batch, in]
  const projection: tf.Tensor2D = tf.add(tf.matMul(x2, kernel), bias); // [time*batch, units]
  const keepOutputs = p.keep || p.returnSequences;
  const hs: tf.Tensor2D[] = new Array(time); // carried h after each step, by time index
  let h = h0;
  for (let s = 0; s < time; s++) {
    const t = p.reverse ? time - 1 - s : s;
    const hPrev = h;
    h = tf.tidy(() =>
      rnnForwardStep({
        activation: p.activation,
        product: stridedProduct(hPrev, recurrent), // [batch, units]
        projection,
        previous: hPrev,
        ...(p.mask ? { mask: p.mask } : {}),
        t,
      }),
    ); // [batch, units]
    if (keepOutputs) hs[t] = h;
    else if (hPrev !== h0) hPrev.dispose();
  }
  projection.dispose();
  if (!keepOutputs) return { value: packOutputs(undefined, [h], batch, units) };
  const hAll = tf.concat<tf.Tensor2D>(hs, 0); // [time*batch, units]
  const mRows = p.mask && tf.reshape<tf.Rank.R2>(tf.transpose(p.mask), [time * batch, 1]); // [time*batch, 1]
  const emitted = p.returnSequences ? (mRows ? tf.mul<tf.Tensor2D>(hAll, mRows) : hAll) : undefined;
  const value = packOutputs(emitted, [h], batch, units); // [steps + 1, batch, units]
  mRows?.dispose();
  tf.dispose(hs); // copied into hAll and value
  if (!p.keep) {
    hAll.dispose();
    return { value };
  }
  return { value, saved: { x2, kernel, recurrent, hAll, h0, ...(p.mask ? { mask: p.mask } : {}) } };
}

function backward(p: Plan, dy: tf.Tensor3D, saved: Saved): FusedGradients {
  const { batch, time, units } = p;
  const steps = dy.shape[0] - 1;
  const dyRows = tf.reshape<tf.Rank.R2>(dy, [-1, units]); // [(steps+1)*batch, units]
  const dhLast = sliceRows(dyRows, steps * batch, batch); // [batch, units]
  // The record "after" the walk's last step: no dz, and dh as its carry.
  let next = tf.concat<tf.Tensor2D>([tf.zeros([batch, units]), dhLast], 1); // [batch, 2*units]
  let carried = tf.zeros<tf.Rank.R2>([batch, units]); // [batch, units]
  const rT = tf.transpose<tf.Tensor2D>(saved.recurrent); // [units, units]
  const grads: tf.Tensor2D[] = new Array(time); // backward records by time index
  const start = next;
  for (let s = 0; s < time; s++) {
    const t = p.reverse ? s : time - 1 - s;
    const record = rnnBackwardStep({
      activation: p.activation,
      carried,
      next,
      forward: saved.hAll,
      ...(saved.mask ? { mask: saved.mask } : {}),
      ...(steps > 0 ? { sequenceGrads: dyRows } : {}),
      t,
    }); // [batch, 2*units]
    carried.dispose();
    carried = stridedProduct(record, rT); // [batch, units]: dz W^T
    grads[t] = record;
    next = record;
  }
  start.dispose();
  rT.dispose();
  const dh = tf.add<tf.Tensor2D>(carried, sliceColumns(next, units, units)); // [batch, units]
  carried.dispose();
  const all = stackRows(grads); // [time*batch, 2*units]
  const dz = sliceColumns(all, 0, units); // [time*batch, units]
  all.dispose();
  return { ...layerGradients(p, dz, saved), dStates: [dh] }; // [batch, units]
}

/** The simple RNN's fused passes on webgpu (see the header). */
export const rnnWebgpuKernel: FusedKernel<Plan, Saved> = { stateCount: 1, forward, backward };
