/**
 * One LSTM time step's gate arithmetic and state update in ONE WebGPU dispatch, forward and
 * backward (gates i, f, c, o along the last axis, as `lstmCell`). One invocation per
 * (row, unit); the recurrent matmul before each is `stridedProduct`.
 *
 * Forward record `[batch, 7*units]` (or `[batch, 2*units]` when nothing is kept for a
 * backward pass): `h, c, c_prev, i, f, g, o`, the carried states first so that the next
 * step reads h in place. Backward record `[batch, 6*units]`: `dz_i, dz_f, dz_g, dz_o` (the
 * step's gate gradients, first so that `dz R^T` reads them in place), `dc_prev`, and
 * `(1 - m) d` (the part of dh that a padded step carries back untouched).
 *
 * Masks are `[batch, time]`, 1 = real step, 0 = padding: a padded step carries (h, c). A
 * mask read is wrapped in `f32()`: on tfjs-backend-webgpu a bool/int32 -> float32 Cast only
 * relabels the buffer, so a cast mask can still be stored as i32 (an embedding's is).
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { RecurrentActivation } from '../../recurrent-activation.js';
import { requireWebgpu, runProgram, stepProgram } from './webgpu-program.js';
import { wgslGates } from './wgsl-gates.js';

/** How many columns of `units` a forward record has when it is kept / not kept. */
export const forwardRecordBlocks = { kept: 7, carried: 2 } as const;
/** How many columns of `units` a backward record has. */
export const backwardRecordBlocks = 6;

export interface LstmForwardStep {
  readonly activation: RecurrentActivation;
  readonly product: tf.Tensor2D; // [batch, 4*units]: h_prev R
  readonly projection: tf.Tensor2D; // [time*batch, 4*units]: x K + b for all steps (time order)
  readonly previous: tf.Tensor2D; // [batch, >= 2*units]: h_prev, c_prev first
  readonly mask?: tf.Tensor2D; // [batch, time] float32
  readonly t: number; // the time index of this step
  readonly keep: boolean; // write the 7-block record the backward pass reads
}

/** One forward step: the record `[batch, 7*units]` (keep) or `[batch, 2*units]`. */
export function lstmForwardStep(s: LstmForwardStep): tf.Tensor2D {
  const backend = requireWebgpu('lstmForwardStep');
  const [batch, width] = s.product.shape;
  const units = width / 4;
  const blocks = s.keep ? forwardRecordBlocks.kept : forwardRecordBlocks.carried;
  const names = ['Gates', 'Proj', 'Prev', ...(s.mask ? ['Mask'] : [])];
  const body = `
  let units = uniforms.gatesShape.y / 4;
  if (index >= uniforms.gatesShape.x * units) { return; }
  let b = index / units;
  let j = index - b * units;
  let z = b * 4 * units + j;
  let p = (uniforms.row + b) * 4 * units + j;
  let i = gate(Gates[z] + Proj[p]);
  let f = gate(Gates[z + units] + Proj[p + units]);
  let g = stableTanh(Gates[z + 2 * units] + Proj[p + 2 * units]);
  let o = gate(Gates[z + 3 * units] + Proj[p + 3 * units]);
  let w = uniforms.prevShape.y;
  let hPrev = Prev[b * w + j];
  let cPrev = Prev[b * w + units + j];
  var c = f * cPrev + i * g;
  var h = o * stableTanh(c);
  ${
    s.mask
      ? `let m = f32(Mask[b * uniforms.maskShape.y + uniforms.step]);
  c = cPrev + m * (c - cPrev);
  h = hPrev + m * (h - hPrev);`
      : ''
  }
  let out = b * uniforms.outShape.y + j;
  setOutputAtIndex(out, h);
  setOutputAtIndex(out + units, c);
  ${
    s.keep
      ? `setOutputAtIndex(out + 2 * units, cPrev);
  setOutputAtIndex(out + 3 * units, i);
  setOutputAtIndex(out + 4 * units, f);
  setOutputAtIndex(out + 5 * units, g);
  setOutputAtIndex(out + 6 * units, o);`
      : ''
  }`;
  const key = `recurrentLstmForward_${s.activation}_${s.keep ? 'keep' : 'carry'}_${s.mask ? 'mask' : 'full'}`;
  const program = stepProgram(
    key,
    names,
    [batch, blocks * units],
    batch * units,
    body,
    'row : i32, step : i32,',
    wgslGates(s.activation),
  );
  const inputs = [s.product, s.projection, s.previous, ...(s.mask ? [s.mask] : [])];
  return runProgram(backend, program, inputs, [s.t * batch, s.t]) as tf.Tensor2D;
}

export interface LstmBackwardStep {
  readonly activation: RecurrentActivation;
  readonly carried: tf.Tensor2D; // [batch, units]: dz_next R^T (zeros at the last step)
  readonly next: tf.Tensor2D; // [batch, 6*units]: the later step's backward record
  readonly forward: tf.Tensor2D; // [time*batch, 7*units]: the forward records (time order)
  readonly mask?: tf.Tensor2D; // [batch, time] float32
  readonly sequenceGrads?: tf.Tensor2D; // [>= time*batch, units]: grads of the emitted outputs
  readonly t: number; // the time index of this step
}

/** One backward step: the record `[batch, 6*units]` (see the header). */
export function lstmBackwardStep(s: LstmBackwardStep): tf.Tensor2D {
  const backend = requireWebgpu('lstmBackwardStep');
  const [batch, units] = s.carried.shape;
  const names = [
    'Carried',
    'Next',
    'Fwd',
    ...(s.mask ? ['Mask'] : []),
    ...(s.sequenceGrads ? ['Seq'] : []),
  ];
  const body = `
  let units = uniforms.carriedShape.y;
  if (index >= uniforms.carriedShape.x * units) { return; }
  let b = index / units;
  let j = index - b * units;
  let n = b * 6 * units + j;
  let m = ${s.mask ? 'f32(Mask[b * uniforms.maskShape.y + uniforms.step])' : '1.0'};
  var d = Carried[b * units + j] + Next[n + 5 * units];
  ${s.sequenceGrads ? 'd = d + m * Seq[(uniforms.row + b) * units + j];' : ''}
  let dc = Next[n + 4 * units];
  let r = (uniforms.row + b) * 7 * units + j;
  let tc = stableTanh(Fwd[r + units]);
  let cPrev = Fwd[r + 2 * units];
  let i = Fwd[r + 3 * units];
  let f = Fwd[r + 4 * units];
  let g = Fwd[r + 5 * units];
  let o = Fwd[r + 6 * units];
  let u = m * (dc + d * o * (1.0 - tc * tc));
  let out = b * 6 * units + j;
  setOutputAtIndex(out, u * g * gateSlope(i));
  setOutputAtIndex(out + units, u * cPrev * gateSlope(f));
  setOutputAtIndex(out + 2 * units, u * i * (1.0 - g * g));
  setOutputAtIndex(out + 3 * units, m * d * tc * gateSlope(o));
  setOutputAtIndex(out + 4 * units, u * f + (1.0 - m) * dc);
  setOutputAtIndex(out + 5 * units, (1.0 - m) * d);`;
  const key = `recurrentLstmBackward_${s.activation}_${s.mask ? 'mask' : 'full'}_${s.sequenceGrads ? 'seq' : 'last'}`;
  const program = stepProgram(
    key,
    names,
    [batch, backwardRecordBlocks * units],
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
