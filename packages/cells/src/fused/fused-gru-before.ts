/**
 * The backward pass of the fused GRU with `resetAfter: false` (tfjs-layers' GRU):
 *
 *   z = s(a_z + h R_z);  r = s(a_r + h R_r);  n = tanh(a_h + (r * h) R_h);  h' = n + z (h - n)
 *
 * Walking back through time, each step needs two matmuls (`(d n_pre) R_h^T`, then
 * `[dz_pre, dr_pre] R_zr^T`); the weight gradients are single matmuls over all steps.
 */
import * as tf from '@tensorflow/tfjs-core';
import { gateSlope, tanhSlope } from './fused-gates.js';
import { columnSums, inputGradient, previousStates, transposedProduct } from './fused-grads.js';
import { stackRows } from './fused-result.js';
import type { FusedGradients } from './fused-sequence.js';
import { sliceColumns, sliceRows, stepOf } from './fused-slice.js';
import type { GruPlan, GruSaved } from './gru-plan.js';

/** The gradients from `dy` and what `gruSequence`'s forward pass saved. */
export function gruBackwardBefore(p: GruPlan, dy: tf.Tensor3D, saved: GruSaved): FusedGradients {
  const { zr: zrAll, candidates: nAll, maskRows: mRows } = saved; // mRows [time*batch, 1]
  const { batch, time, units } = p;
  const rows = time * batch;
  const steps = dy.shape[0] - 1;
  const dyRows = tf.reshape<tf.Rank.R2>(dy, [-1, units]); // [(steps+1)*batch, units]

  const r = sliceColumns(zrAll, units, units); // [time*batch, units]
  const hPrev = previousStates(saved.hAll, saved.h0, batch, time, p.reverse); // [time*batch, units]
  // The per-step factors for all steps at once (masks folded in), in a tidy of their own.
  const factors = tf.tidy(() => {
    const z = sliceColumns(zrAll, 0, units); // [time*batch, units]
    const masked = (v: tf.Tensor2D): tf.Tensor2D => (mRows ? tf.mul(v, mRows) : v);
    const perStep = (v: tf.Tensor2D) => tf.reshape<tf.Rank.R2>(v, [time, -1]); // [time, batch*units]
    const q1 = masked(tf.mul(tf.sub(hPrev, nAll), gateSlope(p.activation, z))); // dz_pre / dh
    const q2 = masked(tf.mul(tf.sub(1, z), tanhSlope(nAll))); // dn_pre / dh
    const q4 = tf.mul<tf.Tensor2D>(hPrev, gateSlope(p.activation, r)); // dr_pre / d(r h)
    const zm = mRows ? tf.add<tf.Tensor2D>(tf.mul(z, mRows), tf.sub(1, mRows)) : z; // dh_prev / dh
    const dSeq = steps > 0 ? masked(sliceRows(dyRows, 0, rows)) : undefined; // [time*batch, units]
    return [q1, q2, q4, zm, r, ...(dSeq ? [dSeq] : [])].map(perStep);
  });
  const [q1s, q2s, q4s, zms, rs, dSeqSteps] = factors;
  const rzrT = tf.transpose<tf.Tensor2D>(sliceColumns(saved.recurrent, 0, 2 * units)); // [2*units, units]
  const rhT = tf.transpose<tf.Tensor2D>(sliceColumns(saved.recurrent, 2 * units, units)); // [units, units]

  let dh = sliceRows(dyRows, steps * batch, batch); // [batch, units]
  const dzrs: tf.Tensor2D[] = new Array(time); // grads of the z, r pre-activations
  const dns: tf.Tensor2D[] = new Array(time); // grads of the candidate pre-activations
  const at = (all: tf.Tensor2D, t: number) => stepOf(all, t, batch, units); // [batch, units]
  for (let s = 0; s < time; s++) {
    const t = p.reverse ? s : time - 1 - s;
    const dhIn = dh;
    const out = tf.tidy(() => {
      const d = dSeqSteps ? tf.add<tf.Tensor2D>(dhIn, at(dSeqSteps, t)) : dhIn; // [batch, units]
      const dn = tf.mul<tf.Tensor2D>(d, at(q2s!, t)); // [batch, units]
      const e = tf.matMul(dn, rhT); // [batch, units]: grad of r * h
      const dzr = tf.concat<tf.Tensor2D>(
        [tf.mul<tf.Tensor2D>(d, at(q1s!, t)), tf.mul<tf.Tensor2D>(e, at(q4s!, t))],
        1,
      ); // [batch, 2*units]
      const dhPrev = tf.addN([
        tf.matMul(dzr, rzrT),
        tf.mul(e, at(rs!, t)),
        tf.mul(d, at(zms!, t)),
      ]) as tf.Tensor2D; // [batch, units]
      return { dzr, dn, dh: dhPrev };
    });
    dzrs[t] = out.dzr;
    dns[t] = out.dn;
    dh = out.dh;
  }
  tf.dispose([rzrT, rhT, ...factors]);
  const dzr = stackRows(dzrs); // [time*batch, 2*units]
  const dn = stackRows(dns); // [time*batch, units]
  const dzX = tf.concat<tf.Tensor2D>([dzr, dn], 1); // [time*batch, 3*units]
  const dR = tf.concat([transposedProduct(hPrev, dzr), transposedProduct(tf.mul(r, hPrev), dn)], 1); // [units, 3*units]
  return {
    dx: inputGradient(dzX, saved.kernel, batch, time), // [batch, time, in]
    dKernel: transposedProduct(saved.x2, dzX), // [in, 3*units]
    dRecurrent: dR, // [units, 3*units]
    dBias: columnSums(dzX), // [3*units]
    dStates: [dh], // [batch, units]
  };
}
