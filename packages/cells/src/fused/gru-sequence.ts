/**
 * The fused GRU sequence path: the same numbers as `runRnn(gruCell, x, options)`, faster,
 * for both `resetAfter: true` (Keras/cuDNN/PyTorch, bias `[2, 3*units]`) and `false`
 * (tfjs-layers, bias `[3*units]`). Gates (z, r, h) along the last axis.
 *
 * Forward: `x K + b` for all steps is ONE matmul hoisted out of the loop (with resetAfter the
 * recurrent bias of z and r is folded into it); each step does the `h R` matmuls and the
 * gate arithmetic. Backward (a `tf.customGrad`): one walk back through time gives each
 * step's gate gradients; `dK`, `dR`, `db` and `dx` are then single matmuls / column sums
 * over all steps. Per-step factors (masks folded in) are computed for all steps at once.
 * The `resetAfter: false` backward lives in `fused-gru-before.ts`.
 *
 * Masks are `[batch, time]`, 1 = real step, 0 = padding: padded steps carry h forward and
 * emit zeros; with `reverse` the walk starts at each row's last real step.
 */
import * as tf from '@tensorflow/tfjs-core';
import { checkChoice } from '../check-shape.js';
import { type RecurrentActivation, recurrentActivations } from '../recurrent-activation.js';
import type { RnnResult } from '../rnn-options.js';
import { checkFusedInputs, type FusedSequenceOptions, type FusedWeights } from './fused-check.js';
import { gate, gateSlope, tanhSlope } from './fused-gates.js';
import {
  columnSums,
  inputGradient,
  previousStates,
  timeMajorRows,
  transposedProduct,
} from './fused-grads.js';
import { gruBackwardBefore } from './fused-gru-before.js';
import { packOutputs, stackRows } from './fused-result.js';
import {
  type FusedGradients,
  type FusedInputs,
  type FusedKernel,
  fusedSequence,
} from './fused-sequence.js';
import { sliceColumns, sliceRows, stepOf } from './fused-slice.js';
import type { GruPlan, GruSaved } from './gru-plan.js';
import { gruWebgpuKernel } from './webgpu/gru-webgpu-kernel.js';
import { activeWebgpu } from './webgpu/webgpu-program.js';

export interface GruSequenceOptions extends FusedSequenceOptions {
  /** Reset gate after the recurrent matmul (bias `[2, 3*units]`) or before (bias `[3*units]`). */
  readonly resetAfter?: boolean;
  /** The z and r gates' activation, as `gruCell`'s. */
  readonly recurrentActivation?: RecurrentActivation;
  /** On the webgpu backend, run each step as our WGSL kernels (`false`: tfjs ops, for comparison). */
  readonly webgpuKernels?: boolean;
}

export const gruSequenceDefaults = Object.freeze({
  resetAfter: true, // gruCell's default: Keras/cuDNN/PyTorch's formula
  recurrentActivation: 'sigmoid' as RecurrentActivation, // gruCell's default
  returnSequences: false, // most callers need only the last output; the sequence costs a transpose
  reverse: false, // walk time forwards
  webgpuKernels: true, // 2 dispatches a step (resetAfter; 4 without) instead of 18 (17) of tfjs ops (fused/webgpu/)
});

function forward(p: GruPlan, inputs: FusedInputs): { value: tf.Tensor3D; saved?: GruSaved } {
  const { x, kernel, recurrent, bias } = inputs;
  const [h0] = inputs.states as [tf.Tensor2D];
  const { batch, time, units } = p;
  const x2 = timeMajorRows(x); // [time*batch, in]
  let xBias = bias; // [3*units]
  let hBias: tf.Tensor | undefined; // [units]: recurrent bias of the candidate (resetAfter)
  if (p.resetAfter) {
    const b2 = bias as tf.Tensor2D; // [2, 3*units]
    const bRec = sliceRows(b2, 1, 1); // [1, 3*units]
    const zrOnly = tf.concat([tf.ones([1, 2 * units]), tf.zeros([1, units])], 1); // [1, 3*units]
    xBias = tf.add(sliceRows(b2, 0, 1), tf.mul(bRec, zrOnly)); // [1, 3*units]
    hBias = sliceColumns(bRec, 2 * units, units); // [1, units]
  }
  const xa = tf.add(tf.matMul(x2, kernel), xBias) as tf.Tensor2D; // [time*batch, 3*units]
  const xzr = tf.reshape<tf.Rank.R2>(sliceColumns(xa, 0, 2 * units), [time, -1]); // [time, batch*2*units]
  const xh = tf.reshape<tf.Rank.R2>(sliceColumns(xa, 2 * units, units), [time, -1]); // [time, batch*units]
  xa.dispose();
  const rzr = sliceColumns(recurrent, 0, 2 * units); // [units, 2*units]
  const rh = sliceColumns(recurrent, 2 * units, units); // [units, units]
  const m = p.mask && (tf.transpose(p.mask) as tf.Tensor2D); // [time, batch]

  const keepOutputs = p.keep || p.returnSequences;
  const hs: tf.Tensor2D[] = new Array(time); // carried h after each step, time order
  const zrs: tf.Tensor2D[] = new Array(time); // z and r gates [batch, 2*units]
  const ns: tf.Tensor2D[] = new Array(time); // candidates [batch, units]
  const qs: tf.Tensor2D[] = new Array(time); // h R_h + b_h (resetAfter) [batch, units]
  let h = h0;
  for (let s = 0; s < time; s++) {
    const t = p.reverse ? time - 1 - s : s;
    const hPrev = h;
    const out = tf.tidy(() => {
      const zr = gate(
        p.activation,
        tf.add<tf.Tensor2D>(tf.matMul(hPrev, rzr), stepOf(xzr, t, batch, 2 * units)),
      ); // [batch, 2*units]
      const z = sliceColumns(zr, 0, units); // [batch, units]
      const r = sliceColumns(zr, units, units); // [batch, units]
      const q = hBias ? tf.add<tf.Tensor2D>(tf.matMul(hPrev, rh), hBias) : undefined; // [batch, units]
      const mixed: tf.Tensor2D = q ? tf.mul(r, q) : tf.matMul(tf.mul<tf.Tensor2D>(r, hPrev), rh); // [batch, units]
      const n = tf.tanh<tf.Tensor2D>(tf.add<tf.Tensor2D>(stepOf(xh, t, batch, units), mixed)); // [batch, units]
      let hNew = tf.add<tf.Tensor2D>(n, tf.mul(z, tf.sub(hPrev, n))); // [batch, units]
      if (m) {
        const mt = tf.reshape(sliceRows(m, t, 1), [batch, 1]); // [batch, 1]
        hNew = tf.add(hPrev, tf.mul(mt, tf.sub(hNew, hPrev))); // carry h at padding
      }
      return { h: hNew, zr, n, q };
    });
    h = out.h;
    if (p.keep) {
      zrs[t] = out.zr;
      ns[t] = out.n;
      if (out.q) qs[t] = out.q;
    } else {
      tf.dispose([out.zr, out.n, out.q ?? []]);
    }
    if (keepOutputs) hs[t] = h;
    else if (hPrev !== h0) hPrev.dispose();
  }

  tf.dispose([xzr, xh]); // the largest temporaries; free them before the stacks below
  const hAll = keepOutputs ? tf.concat<tf.Tensor2D>(hs, 0) : undefined; // [time*batch, units]
  const mRows = m && (tf.reshape(m, [time * batch, 1]) as tf.Tensor2D); // [time*batch, 1]
  const emitted = p.returnSequences && hAll && (mRows ? tf.mul<tf.Tensor2D>(hAll, mRows) : hAll);
  const value = packOutputs(emitted || undefined, [h], batch, units); // [steps + 1, batch, units]
  if (!p.keep || !hAll) return { value };
  tf.dispose(hs); // copied into hAll and value
  const saved: GruSaved = {
    x2,
    kernel,
    recurrent,
    zr: stackRows(zrs),
    candidates: stackRows(ns),
    hAll,
    h0,
    ...(p.resetAfter ? { recurrentCandidates: stackRows(qs) } : {}),
    ...(mRows ? { maskRows: mRows } : {}),
  };
  return { value, saved };
}

/** The resetAfter backward pass (see the header). */
function backwardAfter(p: GruPlan, dy: tf.Tensor3D, saved: GruSaved): FusedGradients {
  const { zr: zrAll, candidates: nAll, maskRows: mRows } = saved; // mRows [time*batch, 1]
  const qAll = saved.recurrentCandidates!; // [time*batch, units]: saved when resetAfter
  const { batch, time, units } = p;
  const rows = time * batch;
  const steps = dy.shape[0] - 1;
  const dyRows = tf.reshape<tf.Rank.R2>(dy, [-1, units]); // [(steps+1)*batch, units]

  const hPrev = previousStates(saved.hAll, saved.h0, batch, time, p.reverse); // [time*batch, units]
  // The per-step factors for all steps at once (masks folded in), in a tidy of their own.
  const factors = tf.tidy(() => {
    const z = sliceColumns(zrAll, 0, units); // [time*batch, units]
    const r = sliceColumns(zrAll, units, units); // [time*batch, units]
    const masked = (v: tf.Tensor2D): tf.Tensor2D => (mRows ? tf.mul(v, mRows) : v);
    const q1 = masked(tf.mul(tf.sub(hPrev, nAll), gateSlope(p.activation, z))); // dz_pre / dh
    const q2 = masked(tf.mul(tf.sub(1, z), tanhSlope(nAll))); // dn_pre / dh
    const q3 = tf.mul<tf.Tensor2D>(tf.mul(q2, qAll), gateSlope(p.activation, r)); // dr_pre / dh
    const zm = mRows ? tf.add<tf.Tensor2D>(tf.mul(z, mRows), tf.sub(1, mRows)) : z; // dh_prev / dh
    const dSeq = steps > 0 ? masked(sliceRows(dyRows, 0, rows)) : undefined; // [time*batch, units]
    const perStep = (v: tf.Tensor2D) => tf.reshape<tf.Rank.R2>(v, [time, -1]);
    return {
      q2,
      rdSteps: perStep(tf.concat([q1, q3, tf.mul<tf.Tensor2D>(q2, r)], 1)), // [time, batch*3*units]
      zmSteps: perStep(zm), // [time, batch*units]
      ...(dSeq ? { dSeqSteps: perStep(dSeq) } : {}),
    };
  }) as { q2: tf.Tensor2D; rdSteps: tf.Tensor2D; zmSteps: tf.Tensor2D; dSeqSteps?: tf.Tensor2D };
  const { q2, rdSteps, zmSteps, dSeqSteps } = factors;
  const rT = tf.transpose<tf.Tensor2D>(saved.recurrent); // [3*units, units]

  let dh = sliceRows(dyRows, steps * batch, batch); // [batch, units]
  const dzs: tf.Tensor2D[] = new Array(time); // grads of [h R_z, h R_r, q]
  const ds: tf.Tensor2D[] = new Array(time); // grads of each step's h
  for (let s = 0; s < time; s++) {
    const t = p.reverse ? s : time - 1 - s;
    const dhIn = dh;
    const out = tf.tidy(() => {
      const d = dSeqSteps ? tf.add<tf.Tensor2D>(dhIn, stepOf(dSeqSteps, t, batch, units)) : dhIn;
      const dz = tf.mul<tf.Tensor2D>(tf.concat([d, d, d], 1), stepOf(rdSteps, t, batch, 3 * units)); // [batch, 3*units]
      const dhPrev = tf.add<tf.Tensor2D>(
        tf.matMul(dz, rT),
        tf.mul(d, stepOf(zmSteps, t, batch, units)),
      ); // [batch, units]
      return { d, dz, dh: dhPrev };
    });
    ds[t] = out.d;
    dzs[t] = out.dz;
    dh = out.dh;
  }
  tf.dispose([rT, rdSteps, zmSteps, dSeqSteps ?? []]);
  const dzH = stackRows(dzs); // [time*batch, 3*units]
  const dIn = tf.mul<tf.Tensor2D>(stackRows(ds), q2); // [time*batch, units]: grad of x K's h block
  const dzX = tf.concat<tf.Tensor2D>([sliceColumns(dzH, 0, 2 * units), dIn], 1); // [time*batch, 3*units]
  return {
    dx: inputGradient(dzX, saved.kernel, batch, time), // [batch, time, in]
    dKernel: transposedProduct(saved.x2, dzX), // [in, 3*units]
    dRecurrent: transposedProduct(hPrev, dzH), // [units, 3*units]
    dBias: tf.stack([columnSums(dzX), columnSums(dzH)]), // [2, 3*units]
    dStates: [dh], // [batch, units]
  };
}

/** The GRU's fused passes; the backward pass follows the resetAfter formula of the plan. */
const gruKernel: FusedKernel<GruPlan, GruSaved> = {
  stateCount: 1,
  forward,
  backward: (p, dy, saved) =>
    p.resetAfter ? backwardAfter(p, dy, saved) : gruBackwardBefore(p, dy, saved),
};

/**
 * Runs a GRU layer over `x` `[batch, time, in]` with weights in the Keras layout (gates
 * z, r, h). Returns what `runRnn` returns for a `gruCell` with these weights.
 *
 * @example
 * const cell = gruCell({ inputSize: 3, units: 4 });
 * const { output } = gruSequence(tf.ones([2, 5, 3]), cell, { resetAfter: cell.resetAfter }); // [2, 4]
 */
export function gruSequence(
  x: tf.Tensor3D,
  weights: FusedWeights,
  options: GruSequenceOptions = {},
): RnnResult {
  const who = 'gruSequence';
  const o = { ...gruSequenceDefaults, ...options };
  const resetAfter = o.resetAfter !== false;
  const biasShape = (u: number) => (resetAfter ? [2, 3 * u] : [3 * u]);
  const sizes = checkFusedInputs(who, x, weights, options, 3, biasShape, 1);
  const activation = checkChoice(
    who,
    'recurrentActivation',
    o.recurrentActivation,
    recurrentActivations,
  );
  const extras = { activation, resetAfter };
  if (o.webgpuKernels && activeWebgpu()) {
    return fusedSequence(gruWebgpuKernel, x, weights, sizes, options, extras);
  }
  return fusedSequence(gruKernel, x, weights, sizes, options, extras);
}
