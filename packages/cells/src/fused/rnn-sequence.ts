/**
 * The fused simple-RNN sequence path, `h_t = act(h_{t-1} W + x_t U + b)` with tanh or relu:
 * the same numbers as `runRnn(simpleRnnCell, x, options)`, faster.
 *
 * Forward: `X U + b` for all steps is ONE matmul hoisted out of the loop; each step does
 * one `h W` matmul, an add and the activation. Backward (a `tf.customGrad`): one walk back
 * through time (`dz = dh * act'`, `dh_prev = dz W^T`), then `dU`, `dW`, `db` and `dx` as
 * single matmuls / column sums over all steps.
 *
 * Masks are `[batch, time]`, 1 = real step, 0 = padding: padded steps carry h forward and
 * emit zeros; with `reverse` the walk starts at each row's last real step.
 */
import * as tf from '@tensorflow/tfjs-core';
import { checkChoice } from '../check-shape.js';
import type { RnnResult } from '../rnn-options.js';
import { checkFusedInputs, type FusedSequenceOptions, type FusedWeights } from './fused-check.js';
import { reluSlope, tanhSlope } from './fused-gates.js';
import { layerGradients, timeMajorRows } from './fused-grads.js';
import { packOutputs, stackRows } from './fused-result.js';
import {
  type FusedGradients,
  type FusedInputs,
  type FusedKernel,
  type FusedPlan,
  fusedSequence,
} from './fused-sequence.js';
import { sliceRows, stepOf } from './fused-slice.js';
import { rnnWebgpuKernel } from './webgpu/rnn-webgpu-kernel.js';
import { activeWebgpu } from './webgpu/webgpu-program.js';

export interface RnnSequenceOptions extends FusedSequenceOptions {
  /** The activation, as `simpleRnnCell`'s. */
  readonly activation?: 'tanh' | 'relu';
  /** On the webgpu backend, run each step as our WGSL kernels (`false`: tfjs ops, for comparison). */
  readonly webgpuKernels?: boolean;
}

export const rnnSequenceDefaults = Object.freeze({
  activation: 'tanh' as 'tanh' | 'relu', // simpleRnnCell's default: the lecture's equation
  returnSequences: false, // most callers need only the last output; the sequence costs a transpose
  reverse: false, // walk time forwards
  webgpuKernels: true, // two dispatches a step instead of 7 of tfjs ops (fused/webgpu/)
});

interface Plan extends FusedPlan {
  readonly activation: 'tanh' | 'relu';
}

/** What the forward pass keeps for the backward pass. */
interface Saved {
  readonly x2: tf.Tensor2D; // [time*batch, in]: x as time-major rows
  readonly kernel: tf.Tensor2D; // [in, units]
  readonly recurrent: tf.Tensor2D; // [units, units]
  readonly hAll: tf.Tensor2D; // [time*batch, units]: carried h after each step
  readonly h0: tf.Tensor2D; // [batch, units]
  readonly maskRows?: tf.Tensor2D; // [time*batch, 1]: masked calls only
}

function forward(p: Plan, inputs: FusedInputs): { value: tf.Tensor3D; saved?: Saved } {
  const { x, kernel, recurrent, bias } = inputs;
  const [h0] = inputs.states as [tf.Tensor2D];
  const { batch, time, units } = p;
  const x2 = timeMajorRows(x); // [time*batch, in]
  const xa = tf.reshape<tf.Rank.R2>(tf.add(tf.matMul(x2, kernel), bias), [time, -1]); // [time, batch*units]
  const m = p.mask && (tf.transpose(p.mask) as tf.Tensor2D); // [time, batch]
  const keepOutputs = p.keep || p.returnSequences;
  const hs: tf.Tensor2D[] = new Array(time); // carried h after each step, time order
  let h = h0;
  for (let s = 0; s < time; s++) {
    const t = p.reverse ? time - 1 - s : s;
    const hPrev = h;
    h = tf.tidy(() => {
      const pre = tf.add<tf.Tensor2D>(tf.matMul(hPrev, recurrent), stepOf(xa, t, batch, units)); // [batch, units]
      const hNew = p.activation === 'relu' ? tf.relu(pre) : tf.tanh(pre); // [batch, units]
      if (!m) return hNew;
      const mt = tf.reshape(sliceRows(m, t, 1), [batch, 1]); // [batch, 1]
      return tf.add(hPrev, tf.mul(mt, tf.sub(hNew, hPrev))); // carry h at padding
    });
    if (keepOutputs) hs[t] = h;
    else if (hPrev !== h0) hPrev.dispose();
  }
  xa.dispose(); // the largest temporary; free it before the stack below
  const hAll = keepOutputs ? tf.concat<tf.Tensor2D>(hs, 0) : undefined; // [time*batch, units]
  const mRows = m && (tf.reshape(m, [time * batch, 1]) as tf.Tensor2D); // [time*batch, 1]
  const emitted = p.returnSequences && hAll && (mRows ? tf.mul<tf.Tensor2D>(hAll, mRows) : hAll);
  const value = packOutputs(emitted || undefined, [h], batch, units); // [steps + 1, batch, units]
  if (!p.keep || !hAll) return { value };
  return {
    value,
    saved: { x2, kernel, recurrent, hAll, h0, ...(mRows ? { maskRows: mRows } : {}) },
  };
}

function backward(p: Plan, dy: tf.Tensor3D, saved: Saved): FusedGradients {
  const { hAll, maskRows: mRows } = saved; // mRows [time*batch, 1]
  const { batch, time, units } = p;
  const rows = time * batch;
  const steps = dy.shape[0] - 1;
  const dyRows = tf.reshape<tf.Rank.R2>(dy, [-1, units]); // [(steps+1)*batch, units]
  // At real steps the carried h is the activation's output, so act' comes from it.
  let slope = p.activation === 'relu' ? reluSlope(hAll) : tanhSlope(hAll); // [time*batch, units]
  let dSeq = steps > 0 ? sliceRows(dyRows, 0, rows) : undefined; // [time*batch, units]
  let carry: tf.Tensor2D | undefined; // [time, batch]: 1 - mask
  if (mRows) {
    slope = tf.mul(slope, mRows);
    carry = tf.reshape<tf.Rank.R2>(tf.sub(1, mRows), [time, batch]);
    if (dSeq) dSeq = tf.mul<tf.Tensor2D>(dSeq, mRows);
  }
  const slopeSteps = tf.reshape<tf.Rank.R2>(slope, [time, -1]); // [time, batch*units]
  const dSeqSteps = dSeq && tf.reshape<tf.Rank.R2>(dSeq, [time, -1]); // [time, batch*units]
  const rT = tf.transpose<tf.Tensor2D>(saved.recurrent); // [units, units]

  let dh = sliceRows(dyRows, steps * batch, batch); // [batch, units]
  const dzs: tf.Tensor2D[] = new Array(time); // grads of the pre-activations
  for (let s = 0; s < time; s++) {
    const t = p.reverse ? s : time - 1 - s;
    const dhIn = dh;
    const out = tf.tidy(() => {
      const d = dSeqSteps ? tf.add<tf.Tensor2D>(dhIn, stepOf(dSeqSteps, t, batch, units)) : dhIn;
      const dz = tf.mul<tf.Tensor2D>(d, stepOf(slopeSteps, t, batch, units)); // [batch, units]
      let dhPrev: tf.Tensor2D = tf.matMul(dz, rT); // [batch, units]
      if (carry) {
        dhPrev = tf.add(dhPrev, tf.mul(d, tf.reshape(sliceRows(carry, t, 1), [batch, 1])));
      }
      return { dz, dh: dhPrev };
    });
    dhIn.dispose();
    dzs[t] = out.dz;
    dh = out.dh;
  }
  const dz = stackRows(dzs); // [time*batch, units]
  return { ...layerGradients(p, dz, saved), dStates: [dh] }; // [batch, units]
}

const rnnKernel: FusedKernel<Plan, Saved> = { stateCount: 1, forward, backward };

/**
 * Runs a simple RNN layer over `x` `[batch, time, in]`. Returns what `runRnn` returns for a
 * `simpleRnnCell` with these weights.
 *
 * @example
 * const cell = simpleRnnCell({ inputSize: 3, units: 4 });
 * const { output } = rnnSequence(tf.ones([2, 5, 3]), cell); // [2, 4]
 */
export function rnnSequence(
  x: tf.Tensor3D,
  weights: FusedWeights,
  options: RnnSequenceOptions = {},
): RnnResult {
  const who = 'rnnSequence';
  const sizes = checkFusedInputs(who, x, weights, options, 1, (u) => [u], 1);
  const o = { ...rnnSequenceDefaults, ...options };
  const activation = checkChoice(who, 'activation', o.activation, ['tanh', 'relu'] as const);
  if (o.webgpuKernels && activeWebgpu()) {
    return fusedSequence(rnnWebgpuKernel, x, weights, sizes, options, { activation });
  }
  return fusedSequence(rnnKernel, x, weights, sizes, options, { activation });
}
