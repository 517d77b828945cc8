/**
 * The `resetAfter: false` parts of the GRU's webgpu kernel (`gruWebgpuKernel`): the forward
 * step (four dispatches: `h R_zr`, the gates, `(r h) R_h`, the state) and the backward pass
 * (four dispatches per step back, then the weight gradients over all steps). The programs
 * and their records are in gru-before-step-programs.ts.
 *
 * Masks are `[batch, time]`, 1 = real step, 0 = padding.
 */
import * as tf from '@tensorflow/tfjs-core';
import { columnSums, inputGradient, transposedProduct } from '../fused-grads.js';
import { stackRows } from '../fused-result.js';
import type { FusedGradients, FusedInputs } from '../fused-sequence.js';
import { sliceColumns, sliceRows } from '../fused-slice.js';
import type { GruPlan } from '../gru-plan.js';
import {
  gruBeforeCandidateGrad,
  gruBeforeGateGrads,
  gruBeforeGates,
  gruBeforeState,
} from './gru-before-step-programs.js';
import type { GruStepper, GruWebgpuSaved } from './gru-webgpu-kernel.js';
import { stridedProduct } from './strided-product.js';

/** The forward step of a `resetAfter: false` call, and what frees its per-call tensors. */
export function gruBeforeStepper(
  p: GruPlan,
  inputs: FusedInputs,
  x2: tf.Tensor2D, // [time*batch, in]: x as time-major rows
): { step: GruStepper; dispose(): void } {
  const { units } = p;
  const projection: tf.Tensor2D = tf.add(tf.matMul(x2, inputs.kernel), inputs.bias); // [time*batch, 3*units]
  const rzr = sliceColumns(inputs.recurrent, 0, 2 * units); // [units, 2*units]
  const rh = sliceColumns(inputs.recurrent, 2 * units, units); // [units, units]
  const mask = p.mask ? { mask: p.mask } : {};
  const step: GruStepper = (previous, t, keep) =>
    tf.tidy(() => {
      const gates = gruBeforeGates({
        activation: p.activation,
        product: stridedProduct(previous, rzr), // [batch, 2*units]
        projection,
        previous,
        t,
      }); // [batch, 3*units]: r h_prev, z, r
      return gruBeforeState({
        activation: p.activation,
        mixed: stridedProduct(gates, rh), // [batch, units]: (r h_prev) R_h
        gates,
        projection,
        previous,
        ...mask,
        t,
        keep,
      }); // [batch, 5*units] or [batch, units]
    });
  return { step, dispose: () => tf.dispose([projection, rzr, rh]) };
}

/** The `resetAfter: false` backward pass (records `h, h_prev, z, r, n`). */
export function gruBeforeBackward(
  p: GruPlan,
  dy: tf.Tensor3D,
  saved: GruWebgpuSaved,
): FusedGradients {
  const { batch, time, units } = p;
  const steps = dy.shape[0] - 1;
  const dyRows = tf.reshape<tf.Rank.R2>(dy, [-1, units]); // [(steps+1)*batch, units]
  const dhLast = sliceRows(dyRows, steps * batch, batch); // [batch, units]
  // The record "after" the walk's last step: no gate gradients, and dh as its carry.
  let next = tf.concat<tf.Tensor2D>([tf.zeros([batch, 3 * units]), dhLast], 1); // [batch, 4*units]
  let carried = tf.zeros<tf.Rank.R2>([batch, units]); // [batch, units]
  const rzrT = tf.transpose<tf.Tensor2D>(sliceColumns(saved.recurrent, 0, 2 * units)); // [2*units, units]
  const rhT = tf.transpose<tf.Tensor2D>(sliceColumns(saved.recurrent, 2 * units, units)); // [units, units]
  const common = {
    activation: p.activation,
    forward: saved.records,
    ...(saved.mask ? { mask: saved.mask } : {}),
  };
  const grads: tf.Tensor2D[] = new Array(time); // backward records by time index
  const start = next;
  for (let s = 0; s < time; s++) {
    const t = p.reverse ? s : time - 1 - s;
    const [c, n] = [carried, next];
    const record = tf.tidy(() => {
      const candidate = gruBeforeCandidateGrad({
        ...common,
        carried: c,
        next: n,
        ...(steps > 0 ? { sequenceGrads: dyRows } : {}),
        t,
      }); // [batch, 2*units]: dn, d
      return gruBeforeGateGrads({
        ...common,
        resetGrad: stridedProduct(candidate, rhT), // [batch, units]: dn R_h^T
        candidate,
        t,
      }); // [batch, 4*units]
    });
    carried.dispose();
    carried = stridedProduct(record, rzrT); // [batch, units]: [dz_z, dz_r] R_zr^T
    grads[t] = record;
    next = record;
  }
  tf.dispose([start, rzrT, rhT]);
  const dh = tf.add<tf.Tensor2D>(carried, sliceColumns(next, 3 * units, units)); // [batch, units]
  carried.dispose();
  const all = stackRows(grads); // [time*batch, 4*units]
  const dzX = sliceColumns(all, 0, 3 * units); // [time*batch, 3*units]: dz_z, dz_r, dn
  const dzr = sliceColumns(all, 0, 2 * units); // [time*batch, 2*units]
  const dn = sliceColumns(all, 2 * units, units); // [time*batch, units]
  const hPrev = sliceColumns(saved.records, units, units); // [time*batch, units]
  const rh = tf.mul<tf.Tensor2D>(sliceColumns(saved.records, 3 * units, units), hPrev); // [time*batch, units]: r h_prev
  const dR = tf.concat([transposedProduct(hPrev, dzr), transposedProduct(rh, dn)], 1); // [units, 3*units]
  return {
    dx: () => inputGradient(dzX, saved.kernel, batch, time), // [batch, time, in]: only when x needs it
    dKernel: transposedProduct(saved.x2, dzX), // [in, 3*units]
    dRecurrent: dR, // [units, 3*units]
    dBias: columnSums(dzX), // [3*units]
    dStates: [dh], // [batch, units]
  };
}
