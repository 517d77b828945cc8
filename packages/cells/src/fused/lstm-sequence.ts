/**
 * The fused LSTM sequence path: the same numbers as `runRnn(lstmCell, x, options)`, faster.
 *
 * Forward: the input projection of all steps is ONE matmul `[time*batch, in] x [in, 4*units]`
 * hoisted out of the loop; each step does one `h R` matmul and the gate arithmetic. With
 * sigmoid gates the candidate block of the weights is scaled by 2 so that ONE sigmoid gives
 * all four gates (`tanh(z) = 2 sigmoid(2z) - 1`).
 * Backward (a `tf.customGrad`): one walk back through time computes the gate gradients
 * `dz` of each step (`dh_prev = dz R^T` is the only matmul per step); the weight gradients
 * are then single matmuls over all steps, as cuDNN does: `dK = X^T dZ`, `dR = H_prev^T dZ`,
 * `db = colsum(dZ)`, `dx = dZ K^T`. Per-step factors are precomputed over all steps at once.
 *
 * Masks are `[batch, time]`, 1 = real step, 0 = padding: padded steps carry (h, c) forward
 * and emit zeros; with `reverse` the walk starts at each row's last real step.
 */
import * as tf from '@tensorflow/tfjs-core';
import { checkChoice } from '../check-shape.js';
import { type RecurrentActivation, recurrentActivations } from '../recurrent-activation.js';
import type { RnnResult } from '../rnn-options.js';
import { checkFusedInputs, type FusedSequenceOptions, type FusedWeights } from './fused-check.js';
import { gate, gateSlope, tanhSlope } from './fused-gates.js';
import { layerGradients, previousStates, timeMajorRows } from './fused-grads.js';
import { packOutputs, stackRows } from './fused-result.js';
import {
  type FusedGradients,
  type FusedInputs,
  type FusedKernel,
  type FusedPlan,
  fusedSequence,
} from './fused-sequence.js';
import { sliceColumns, sliceRows, stepOf } from './fused-slice.js';
import { lstmWebgpuKernel } from './webgpu/lstm-webgpu-kernel.js';
import { activeWebgpu } from './webgpu/webgpu-program.js';

export interface LstmSequenceOptions extends FusedSequenceOptions {
  /** The i, f, o gates' activation, as `lstmCell`'s. */
  readonly recurrentActivation?: RecurrentActivation;
  /** On the webgpu backend, run each step as our WGSL kernels (`false`: tfjs ops, for comparison). */
  readonly webgpuKernels?: boolean;
}

export const lstmSequenceDefaults = Object.freeze({
  recurrentActivation: 'sigmoid' as RecurrentActivation, // lstmCell's default: PyTorch's and Keras 2's gates
  returnSequences: false, // most callers need only the last output; the sequence costs a transpose
  reverse: false, // walk time forwards
  webgpuKernels: true, // two dispatches per step instead of about ten tfjs kernels (fused/webgpu/)
});

interface Plan extends FusedPlan {
  readonly activation: RecurrentActivation;
}

/** What the forward pass keeps for the backward pass. */
interface Saved {
  readonly x2: tf.Tensor2D; // [time*batch, in]: x as time-major rows
  readonly kernel: tf.Tensor2D; // [in, 4*units]
  readonly recurrent: tf.Tensor2D; // [units, 4*units]
  readonly gates: tf.Tensor2D; // [time*batch, 4*units]: gate activations (candidate block: see header)
  readonly cells: tf.Tensor2D; // [time*batch, units]: carried c after each step
  readonly tanhCells: tf.Tensor2D; // [time*batch, units]: tanh of each step's new c
  readonly hAll: tf.Tensor2D; // [time*batch, units]: carried h after each step
  readonly h0: tf.Tensor2D; // [batch, units]
  readonly c0: tf.Tensor2D; // [batch, units]
  readonly candidates?: tf.Tensor2D; // [time*batch, units]: hardSigmoid gates only
  readonly maskRows?: tf.Tensor2D; // [time*batch, 1]: masked calls only
}

/** `[4*units]`: 2 on the candidate block, 1 elsewhere (see the header). */
function candidateScale(units: number): tf.Tensor1D {
  const s = new Float32Array(4 * units).fill(1);
  s.fill(2, 2 * units, 3 * units);
  return tf.tensor1d(s);
}

function forward(p: Plan, inputs: FusedInputs): { value: tf.Tensor3D; saved?: Saved } {
  const { x, kernel, recurrent, bias } = inputs;
  const [h0, c0] = inputs.states as [tf.Tensor2D, tf.Tensor2D];
  const { batch, time, units } = p;
  const width = 4 * units;
  const sigmoid = p.activation === 'sigmoid';
  const scale = sigmoid ? candidateScale(units) : undefined; // [4*units]
  const x2 = timeMajorRows(x); // [time*batch, in]
  const k = scale ? tf.mul(kernel, scale) : kernel; // [in, 4*units]
  const r = scale ? tf.mul(recurrent, scale) : recurrent; // [units, 4*units]
  const b = scale ? tf.mul(bias, scale) : bias; // [4*units]
  const xp: tf.Tensor2D = tf.reshape(tf.add(tf.matMul(x2, k), b), [time, batch * width]); // [time, batch*4*units]
  const m = p.mask && (tf.transpose(p.mask) as tf.Tensor2D); // [time, batch]
  const one = tf.scalar(1);
  const two = tf.scalar(2);

  const keepOutputs = p.keep || p.returnSequences;
  const hs: tf.Tensor2D[] = new Array(time); // carried h after each step, time order
  const cs: tf.Tensor2D[] = new Array(time); // carried c
  const as: tf.Tensor2D[] = new Array(time); // gate activations [batch, 4*units]
  const tcs: tf.Tensor2D[] = new Array(time); // tanh(c) of the step's new c
  const gs: tf.Tensor2D[] = new Array(time); // candidates (hardSigmoid gates only)
  let h = h0;
  let c = c0;
  for (let s = 0; s < time; s++) {
    const t = p.reverse ? time - 1 - s : s;
    const hPrev = h;
    const cPrev = c;
    const out = tf.tidy(() => {
      const z: tf.Tensor2D = tf.add(tf.matMul(hPrev, r), stepOf(xp, t, batch, width)); // [batch, 4*units]
      const a = gate(p.activation, z); // [batch, 4*units] (candidate block: see header)
      const g: tf.Tensor2D = sigmoid
        ? tf.sub(tf.mul(sliceColumns(a, 2 * units, units), two), one) // [batch, units]
        : tf.tanh(sliceColumns(z, 2 * units, units)); // [batch, units]
      const i = sliceColumns(a, 0, units); // [batch, units]
      const f = sliceColumns(a, units, units); // [batch, units]
      const o = sliceColumns(a, 3 * units, units); // [batch, units]
      let cNew: tf.Tensor2D = tf.add(tf.mul(f, cPrev), tf.mul(i, g)); // [batch, units]
      const tc = tf.tanh(cNew); // [batch, units]
      let hNew: tf.Tensor2D = tf.mul(o, tc); // [batch, units]
      if (m) {
        const mt = tf.reshape(sliceRows(m, t, 1), [batch, 1]); // [batch, 1]
        hNew = tf.add(hPrev, tf.mul(mt, tf.sub(hNew, hPrev))); // carry h at padding
        cNew = tf.add(cPrev, tf.mul(mt, tf.sub(cNew, cPrev))); // carry c at padding
      }
      return { h: hNew, c: cNew, a, tc, g };
    });
    h = out.h;
    c = out.c;
    if (p.keep) {
      cs[t] = c;
      as[t] = out.a;
      tcs[t] = out.tc;
      if (sigmoid) out.g.dispose();
      else gs[t] = out.g;
    } else {
      tf.dispose([out.a, out.tc, out.g]);
      if (cPrev !== c0) cPrev.dispose();
    }
    if (keepOutputs) hs[t] = h;
    else if (hPrev !== h0) hPrev.dispose();
  }

  xp.dispose(); // the largest temporary; free it before the stacks below are made
  const hAll = keepOutputs ? tf.concat<tf.Tensor2D>(hs, 0) : undefined; // [time*batch, units]
  const mRows = m && (tf.reshape(m, [time * batch, 1]) as tf.Tensor2D); // [time*batch, 1]
  const emitted = p.returnSequences && hAll && (mRows ? tf.mul<tf.Tensor2D>(hAll, mRows) : hAll); // [time*batch, units]
  const value = packOutputs(emitted || undefined, [h, c], batch, units); // [steps + 2, batch, units]
  if (!p.keep || !hAll) return { value };
  tf.dispose(hs); // copied into hAll and value
  const saved: Saved = {
    x2,
    kernel,
    recurrent,
    gates: stackRows(as),
    cells: stackRows(cs),
    tanhCells: stackRows(tcs),
    hAll,
    h0,
    c0,
    ...(sigmoid ? {} : { candidates: stackRows(gs) }),
    ...(mRows ? { maskRows: mRows } : {}),
  };
  return { value, saved };
}

interface StepFactors {
  readonly rdSteps: tf.Tensor2D; // [time, batch*4*units]: dz = [dc, dc, dc, dh] * rd
  readonly pcSteps: tf.Tensor2D; // [time, batch*units]: dc += dh * pc
  readonly fmSteps: tf.Tensor2D; // [time, batch*units]: dc_prev = dc * fm (+ carry)
  readonly carry?: tf.Tensor2D; // [time, batch]: 1 - mask
  readonly dSeqSteps?: tf.Tensor2D; // [time, batch*units]: grads of the emitted outputs
}

/** The backward pass's per-step factors for all steps at once (masks folded in). */
function stepFactors(p: Plan, dyRows: tf.Tensor2D, steps: number, saved: Saved): StepFactors {
  const { gates: aAll, tanhCells: tcAll, maskRows: mRows } = saved; // mRows [time*batch, 1]
  const { batch, time, units } = p;
  const i = sliceColumns(aAll, 0, units); // [time*batch, units]
  const f = sliceColumns(aAll, units, units);
  const o = sliceColumns(aAll, 3 * units, units);
  const g: tf.Tensor2D =
    saved.candidates ?? tf.sub<tf.Tensor2D>(tf.mul(sliceColumns(aAll, 2 * units, units), 2), 1); // [time*batch, units]
  const cPrev = previousStates(saved.cells, saved.c0, batch, time, p.reverse); // [time*batch, units]
  // Each block in a tidy of its own, the mask folded in, so few temporaries live at once.
  const masked = (v: tf.Tensor2D): tf.Tensor2D => (mRows ? tf.mul(v, mRows) : v);
  const blocks = [
    () => tf.mul<tf.Tensor2D>(g, gateSlope(p.activation, i)),
    () => tf.mul<tf.Tensor2D>(cPrev, gateSlope(p.activation, f)),
    () => tf.mul<tf.Tensor2D>(i, tanhSlope(g)),
    () => tf.mul<tf.Tensor2D>(tcAll, gateSlope(p.activation, o)),
  ].map((block) => tf.tidy(() => masked(block()))); // 4 x [time*batch, units]
  const rd = tf.concat<tf.Tensor2D>(blocks, 1); // [time*batch, 4*units]
  tf.dispose(blocks);
  const pc = tf.tidy(() => tf.mul<tf.Tensor2D>(o, tanhSlope(tcAll))); // [time*batch, units]
  const fm = masked(f); // [time*batch, units]
  const carry = mRows && tf.reshape<tf.Rank.R2>(tf.sub(1, mRows), [time, batch]);
  let dSeq = steps > 0 ? sliceRows(dyRows, 0, time * batch) : undefined; // [time*batch, units]
  if (dSeq && mRows) dSeq = tf.mul<tf.Tensor2D>(dSeq, mRows);
  const perStep = (v: tf.Tensor2D) => tf.reshape<tf.Rank.R2>(v, [time, -1]);
  return {
    rdSteps: perStep(rd),
    pcSteps: perStep(pc),
    fmSteps: perStep(fm),
    ...(carry ? { carry } : {}),
    ...(dSeq ? { dSeqSteps: perStep(dSeq) } : {}),
  };
}

function backward(p: Plan, dy: tf.Tensor3D, saved: Saved): FusedGradients {
  const { batch, time, units } = p;
  const width = 4 * units;
  const steps = dy.shape[0] - 2;
  const dyRows = tf.reshape<tf.Rank.R2>(dy, [-1, units]); // [(steps+2)*batch, units]
  // In a tidy of its own, so the temporaries are freed before the walk back through time.
  const factors = tf.tidy(
    () => stepFactors(p, dyRows, steps, saved) as unknown as tf.TensorContainer,
  ) as unknown as StepFactors;
  const { rdSteps, pcSteps, fmSteps, carry, dSeqSteps } = factors;
  const rT = tf.transpose<tf.Tensor2D>(saved.recurrent); // [4*units, units]

  let dh = sliceRows(dyRows, steps * batch, batch); // [batch, units]
  let dc = sliceRows(dyRows, (steps + 1) * batch, batch); // [batch, units]
  const dzs: tf.Tensor2D[] = new Array(time);
  for (let s = 0; s < time; s++) {
    const t = p.reverse ? s : time - 1 - s;
    const dhIn = dh;
    const dcIn = dc;
    const out = tf.tidy(() => {
      const d = dSeqSteps ? tf.add<tf.Tensor2D>(dhIn, stepOf(dSeqSteps, t, batch, units)) : dhIn; // [batch, units]
      const u = tf.add<tf.Tensor2D>(dcIn, tf.mul(d, stepOf(pcSteps, t, batch, units))); // [batch, units]
      const dz = tf.mul<tf.Tensor2D>(tf.concat([u, u, u, d], 1), stepOf(rdSteps, t, batch, width)); // [batch, 4*units]
      let dcPrev: tf.Tensor2D = tf.mul(u, stepOf(fmSteps, t, batch, units)); // [batch, units]
      let dhPrev: tf.Tensor2D = tf.matMul(dz, rT); // [batch, units]
      if (carry) {
        const n = tf.reshape<tf.Rank.R2>(sliceRows(carry, t, 1), [batch, 1]); // [batch, 1]
        dcPrev = tf.add(dcPrev, tf.mul(dcIn, n));
        dhPrev = tf.add(dhPrev, tf.mul(d, n));
      }
      return { dz, dh: dhPrev, dc: dcPrev };
    });
    tf.dispose([dhIn, dcIn]);
    dzs[t] = out.dz;
    dh = out.dh;
    dc = out.dc;
  }
  tf.dispose([rT, factors as unknown as tf.TensorContainer]);
  const dz = stackRows(dzs); // [time*batch, 4*units]
  return { ...layerGradients(p, dz, saved), dStates: [dh, dc] }; // [batch, units] each
}

const lstmKernel: FusedKernel<Plan, Saved> = { stateCount: 2, forward, backward };

/**
 * Runs an LSTM layer over `x` `[batch, time, in]` with weights in the Keras layout (gates
 * i, f, c, o). Returns what `runRnn` returns for an `lstmCell` with these weights.
 *
 * @example
 * const cell = lstmCell({ inputSize: 3, units: 4 });
 * const { output, state } = lstmSequence(tf.ones([2, 5, 3]), cell); // [2, 4], [h, c]
 */
export function lstmSequence(
  x: tf.Tensor3D,
  weights: FusedWeights,
  options: LstmSequenceOptions = {},
): RnnResult {
  const who = 'lstmSequence';
  const sizes = checkFusedInputs(who, x, weights, options, 4, (u) => [4 * u], 2);
  const o = { ...lstmSequenceDefaults, ...options };
  const activation = checkChoice(
    who,
    'recurrentActivation',
    o.recurrentActivation,
    recurrentActivations,
  );
  const extras = { activation };
  if (o.webgpuKernels && activeWebgpu()) {
    return fusedSequence(lstmWebgpuKernel, x, weights, sizes, options, extras);
  }
  return fusedSequence(lstmKernel, x, weights, sizes, options, extras);
}
