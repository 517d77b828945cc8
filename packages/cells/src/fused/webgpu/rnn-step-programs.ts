/**
 * One simple-RNN time step in ONE WebGPU dispatch, forward and backward:
 * `h = act(h_prev W + x U + b)` with tanh or relu. One invocation per (row, unit); the
 * recurrent matmul before each is `stridedProduct`.
 *
 * Forward record `[batch, units]`: the carried h (the activation's value at real steps, so
 * the backward pass takes act' from it). Backward record `[batch, 2*units]`: `dz` (the
 * pre-activation's gradient, first so that `dz W^T` reads it in place) and `(1 - m) d` (the
 * part of dh that a padded step carries back untouched).
 *
 * Masks are `[batch, time]`, 1 = real step, 0 = padding: a padded step carries h. A mask
 * read is wrapped in `f32()` (a cast mask may still be stored as i32 on tfjs-backend-webgpu).
 */
import type * as tf from '@tensorflow/tfjs-core';
import { requireWebgpu, runProgram, stepProgram, wgslTanh } from './webgpu-program.js';
import { wgslMask } from './wgsl-gates.js';

export type RnnActivation = 'tanh' | 'relu';

export interface RnnForwardStep {
  readonly activation: RnnActivation;
  readonly product: tf.Tensor2D; // [batch, units]: h_prev W
  readonly projection: tf.Tensor2D; // [time*batch, units]: x U + b for all steps (time order)
  readonly previous: tf.Tensor2D; // [batch, units]: h_prev
  readonly mask?: tf.Tensor2D; // [batch, time] float32
  readonly t: number; // the time index of this step
}

/** One forward step: the carried h `[batch, units]`. */
export function rnnForwardStep(s: RnnForwardStep): tf.Tensor2D {
  const backend = requireWebgpu('rnnForwardStep');
  const [batch, units] = s.product.shape;
  const act = s.activation === 'relu' ? 'max(pre, 0.0)' : 'stableTanh(pre)';
  const body = `
  let units = uniforms.gatesShape.y;
  if (index >= uniforms.gatesShape.x * units) { return; }
  let b = index / units;
  let j = index - b * units;
  let pre = Gates[index] + Proj[(uniforms.row + b) * units + j];
  var h = ${act};
  ${
    s.mask
      ? `${wgslMask(true)}
  let hPrev = Prev[index];
  h = hPrev + m * (h - hPrev);`
      : ''
  }
  setOutputAtIndex(index, h);`;
  const key = `recurrentRnnForward_${s.activation}_${s.mask ? 'mask' : 'full'}`;
  // Prev and Mask only when masked: a binding the shader never reads breaks the pipeline.
  const names = ['Gates', 'Proj', ...(s.mask ? ['Prev', 'Mask'] : [])];
  const program = stepProgram(
    key,
    names,
    [batch, units],
    batch * units,
    body,
    'row : i32, step : i32,',
    wgslTanh,
  );
  const inputs = [s.product, s.projection, ...(s.mask ? [s.previous, s.mask] : [])];
  return runProgram(backend, program, inputs, [s.t * batch, s.t]) as tf.Tensor2D;
}

export interface RnnBackwardStep {
  readonly activation: RnnActivation;
  readonly carried: tf.Tensor2D; // [batch, units]: dz_next W^T (zeros at the last step)
  readonly next: tf.Tensor2D; // [batch, 2*units]: the later step's backward record
  readonly forward: tf.Tensor2D; // [time*batch, units]: the carried h of every step (time order)
  readonly mask?: tf.Tensor2D; // [batch, time] float32
  readonly sequenceGrads?: tf.Tensor2D; // [>= time*batch, units]: grads of the emitted outputs
  readonly t: number; // the time index of this step
}

/** One backward step: the record `[batch, 2*units]` (see the header). */
export function rnnBackwardStep(s: RnnBackwardStep): tf.Tensor2D {
  const backend = requireWebgpu('rnnBackwardStep');
  const [batch, units] = s.carried.shape;
  const slope = s.activation === 'relu' ? 'select(0.0, 1.0, h > 0.0)' : '1.0 - h * h';
  const body = `
  let units = uniforms.carriedShape.y;
  if (index >= uniforms.carriedShape.x * units) { return; }
  let b = index / units;
  let j = index - b * units;
  let n = b * 2 * units + j;
  ${wgslMask(s.mask !== undefined)}
  var d = Carried[index] + Next[n + units];
  ${s.sequenceGrads ? 'd = d + m * Seq[(uniforms.row + b) * units + j];' : ''}
  let h = Fwd[(uniforms.row + b) * units + j];
  setOutputAtIndex(n, m * d * (${slope}));
  setOutputAtIndex(n + units, (1.0 - m) * d);`;
  const key = `recurrentRnnBackward_${s.activation}_${s.mask ? 'mask' : 'full'}_${s.sequenceGrads ? 'seq' : 'last'}`;
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
    [batch, 2 * units],
    batch * units,
    body,
    'row : i32, step : i32,',
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
