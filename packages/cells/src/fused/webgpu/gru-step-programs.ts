/**
 * One GRU time step with `resetAfter: true` (Keras/cuDNN/PyTorch) in ONE WebGPU dispatch,
 * forward and backward (gates z, r, h along the last axis, as `gruCell`):
 *
 *   z = s(a_z + h R_z);  r = s(a_r + h R_r);  q = h R_h + b_h;  n = tanh(a_h + r q);
 *   h' = n + z (h - n)
 *
 * where `a = x K + b_x` (with the recurrent bias of z and r folded in). One invocation per
 * (row, unit); the recurrent matmul `h R` before each is `stridedProduct`.
 *
 * Forward record `[batch, 6*units]` (or `[batch, units]` when nothing is kept for a backward
 * pass): `h, h_prev, z, r, n, q`, the carried h first so that the next step reads it in
 * place. Backward record `[batch, 5*units]`: the gradients of `h R_z`, `h R_r` and `q` (first,
 * so that `dz R^T` reads them in place), of `a_h`, and `d (z m + 1 - m)` (the part of dh_prev
 * that does not go through R).
 *
 * Masks are `[batch, time]`, 1 = real step, 0 = padding: a padded step carries h. A mask
 * read is wrapped in `f32()` (a cast mask may still be stored as i32 on tfjs-backend-webgpu).
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { RecurrentActivation } from '../../recurrent-activation.js';
import { requireWebgpu, runProgram, stepProgram } from './webgpu-program.js';
import { wgslGates, wgslMask } from './wgsl-gates.js';

/** How many columns of `units` a forward record has when it is kept / not kept. */
export const gruRecordBlocks = { kept: 6, carried: 1, backward: 5 } as const;

export interface GruForwardStep {
  readonly activation: RecurrentActivation;
  readonly product: tf.Tensor2D; // [batch, 3*units]: h_prev R
  readonly projection: tf.Tensor2D; // [time*batch, 3*units]: x K + b_x for all steps (time order)
  readonly recurrentBias: tf.Tensor2D; // [1, units]: b_h, the candidate's recurrent bias
  readonly previous: tf.Tensor2D; // [batch, >= units]: h_prev first
  readonly mask?: tf.Tensor2D; // [batch, time] float32
  readonly t: number; // the time index of this step
  readonly keep: boolean; // write the 6-block record the backward pass reads
}

/** One forward step: the record `[batch, 6*units]` (keep) or `[batch, units]`. */
export function gruForwardStep(s: GruForwardStep): tf.Tensor2D {
  const backend = requireWebgpu('gruForwardStep');
  const [batch, width] = s.product.shape;
  const units = width / 3;
  const blocks = s.keep ? gruRecordBlocks.kept : gruRecordBlocks.carried;
  const body = `
  let units = uniforms.gatesShape.y / 3;
  if (index >= uniforms.gatesShape.x * units) { return; }
  let b = index / units;
  let j = index - b * units;
  let g = b * 3 * units + j;
  let p = (uniforms.row + b) * 3 * units + j;
  let z = gate(Gates[g] + Proj[p]);
  let r = gate(Gates[g + units] + Proj[p + units]);
  let q = Gates[g + 2 * units] + Hbias[j];
  let n = stableTanh(Proj[p + 2 * units] + r * q);
  let hPrev = Prev[b * uniforms.prevShape.y + j];
  var h = n + z * (hPrev - n);
  ${s.mask ? `${wgslMask(true)}\n  h = hPrev + m * (h - hPrev);` : ''}
  let out = b * uniforms.outShape.y + j;
  setOutputAtIndex(out, h);
  ${
    s.keep
      ? `setOutputAtIndex(out + units, hPrev);
  setOutputAtIndex(out + 2 * units, z);
  setOutputAtIndex(out + 3 * units, r);
  setOutputAtIndex(out + 4 * units, n);
  setOutputAtIndex(out + 5 * units, q);`
      : ''
  }`;
  const key = `recurrentGruForward_${s.activation}_${s.keep ? 'keep' : 'carry'}_${s.mask ? 'mask' : 'full'}`;
  const names = ['Gates', 'Proj', 'Hbias', 'Prev', ...(s.mask ? ['Mask'] : [])];
  const program = stepProgram(
    key,
    names,
    [batch, blocks * units],
    batch * units,
    body,
    'row : i32, step : i32,',
    wgslGates(s.activation),
  );
  const inputs = [
    s.product,
    s.projection,
    s.recurrentBias,
    s.previous,
    ...(s.mask ? [s.mask] : []),
  ];
  return runProgram(backend, program, inputs, [s.t * batch, s.t]) as tf.Tensor2D;
}

export interface GruBackwardStep {
  readonly activation: RecurrentActivation;
  readonly carried: tf.Tensor2D; // [batch, units]: dz_next R^T (zeros at the last step)
  readonly next: tf.Tensor2D; // [batch, 5*units]: the later step's backward record
  readonly forward: tf.Tensor2D; // [time*batch, 6*units]: the forward records (time order)
  readonly mask?: tf.Tensor2D; // [batch, time] float32
  readonly sequenceGrads?: tf.Tensor2D; // [>= time*batch, units]: grads of the emitted outputs
  readonly t: number; // the time index of this step
}

/** One backward step: the record `[batch, 5*units]` (see the header). */
export function gruBackwardStep(s: GruBackwardStep): tf.Tensor2D {
  const backend = requireWebgpu('gruBackwardStep');
  const [batch, units] = s.carried.shape;
  const body = `
  let units = uniforms.carriedShape.y;
  if (index >= uniforms.carriedShape.x * units) { return; }
  let b = index / units;
  let j = index - b * units;
  ${wgslMask(s.mask !== undefined)}
  var d = Carried[index] + Next[b * 5 * units + 4 * units + j];
  ${s.sequenceGrads ? 'd = d + m * Seq[(uniforms.row + b) * units + j];' : ''}
  let f = (uniforms.row + b) * 6 * units + j;
  let hPrev = Fwd[f + units];
  let z = Fwd[f + 2 * units];
  let r = Fwd[f + 3 * units];
  let n = Fwd[f + 4 * units];
  let q = Fwd[f + 5 * units];
  let dn = d * m * (1.0 - z) * (1.0 - n * n);
  let out = b * 5 * units + j;
  setOutputAtIndex(out, d * m * (hPrev - n) * gateSlope(z));
  setOutputAtIndex(out + units, dn * q * gateSlope(r));
  setOutputAtIndex(out + 2 * units, dn * r);
  setOutputAtIndex(out + 3 * units, dn);
  setOutputAtIndex(out + 4 * units, d * (z * m + 1.0 - m));`;
  const key = `recurrentGruBackward_${s.activation}_${s.mask ? 'mask' : 'full'}_${s.sequenceGrads ? 'seq' : 'last'}`;
  const names = [
    'Carried',
    'Next',
    'Fwd',
    ...(s.mask ? ['Mask'] : []),
    ...(s.sequenceGrads ? ['Seq'] : []),
  ];
  const program = stepProgram(
    key,
    names,
    [batch, gruRecordBlocks.backward * units],
    batch * units,
    body,
    'row : i32, step : i32,',
    wgslGates(s.activation),
  );
  const inputs = [
    s.carried,
    s.next,
    s.forward,
    ...(s.mask ? [s.mask] : []),
    ...(s.sequenceGrads ? [s.sequenceGrads] : []),
  ];
  return runProgram(backend, program, inputs, [s.t * batch, s.t]) as tf.Tensor2D;
}
