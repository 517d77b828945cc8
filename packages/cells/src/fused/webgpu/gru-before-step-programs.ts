/**
 * One GRU time step with `resetAfter: false` (tfjs-layers' GRU) as WebGPU dispatches:
 *
 *   z = s(a_z + h R_z);  r = s(a_r + h R_r);  n = tanh(a_h + (r h) R_h);  h' = n + z (h - n)
 *
 * where `a = x K + b`. The reset gate comes BEFORE the candidate's matmul, so a step has two
 * dependent matmuls: forward `h R_zr`, `gruBeforeGates` (z, r, r h), `(r h) R_h`,
 * `gruBeforeState` (n, h'); backward `gruBeforeCandidateGrad` (d, dn), `dn R_h^T`,
 * `gruBeforeGateGrads`, `[dz_z, dz_r] R_zr^T`. Each matmul is `stridedProduct`, reading
 * its operand in place from the first columns of the record before it.
 *
 * Records (`[batch, k*units]`): gates `r h, z, r`; forward `h, h_prev, z, r, n` (or just `h`
 * when nothing is kept for a backward pass); candidate gradient `dn, d`; backward
 * `dz_z, dz_r, dn, e r + d (z m + 1 - m)` (the last: the part of dh_prev that does not go
 * through R_zr; `e = dn R_h^T`).
 *
 * Masks are `[batch, time]`, 1 = real step, 0 = padding: a padded step carries h. A mask
 * read is wrapped in `f32()` (a cast mask may still be stored as i32 on tfjs-backend-webgpu).
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { RecurrentActivation } from '../../recurrent-activation.js';
import { requireWebgpu, runProgram, stepProgram } from './webgpu-program.js';
import { wgslGates, wgslMask } from './wgsl-gates.js';

/** How many columns of `units` each record has. */
export const gruBeforeBlocks = { gates: 3, kept: 5, carried: 1, candidate: 2, backward: 4 };

/** What every program of a step reads. */
interface StepInputs {
  readonly activation: RecurrentActivation;
  readonly mask?: tf.Tensor2D; // [batch, time] float32
  readonly t: number; // the time index of this step
}

const uniforms = 'row : i32, step : i32,';

/** Runs one of this file's programs (one invocation per (row, unit)) for step `s.t`. */
function run(
  who: string,
  key: string,
  names: string[],
  inputs: tf.Tensor[],
  shape: [number, number],
  units: number,
  body: string,
  s: StepInputs,
): tf.Tensor2D {
  const backend = requireWebgpu(who);
  const [batch] = shape;
  const program = stepProgram(
    `${key}_${s.activation}_${s.mask ? 'mask' : 'full'}`,
    [...names, ...(s.mask ? ['Mask'] : [])],
    shape,
    batch * units,
    body,
    uniforms,
    wgslGates(s.activation),
  );
  const all = [...inputs, ...(s.mask ? [s.mask] : [])];
  return runProgram(backend, program, all, [s.t * batch, s.t]) as tf.Tensor2D;
}

/** The head of every body: `units`, the bounds check, row `b`, unit `j`. */
const head = (units: string) => `
  let units = ${units};
  if (index >= uniforms.outShape.x * units) { return; }
  let b = index / units;
  let j = index - b * units;`;

export interface GruBeforeGates extends StepInputs {
  readonly product: tf.Tensor2D; // [batch, 2*units]: h_prev R_zr
  readonly projection: tf.Tensor2D; // [time*batch, 3*units]: x K + b for all steps (time order)
  readonly previous: tf.Tensor2D; // [batch, >= units]: h_prev first
}

/** z and r: the record `[batch, 3*units]` `r h_prev, z, r`. */
export function gruBeforeGates(s: GruBeforeGates): tf.Tensor2D {
  const [batch, width] = s.product.shape;
  const units = width / 2;
  const body = `${head('uniforms.gatesShape.y / 2')}
  let p = (uniforms.row + b) * 3 * units + j;
  let z = gate(Gates[b * 2 * units + j] + Proj[p]);
  let r = gate(Gates[b * 2 * units + units + j] + Proj[p + units]);
  let out = b * 3 * units + j;
  setOutputAtIndex(out, r * Prev[b * uniforms.prevShape.y + j]);
  setOutputAtIndex(out + units, z);
  setOutputAtIndex(out + 2 * units, r);`;
  return run(
    'gruBeforeGates',
    'recurrentGruBeforeGates',
    ['Gates', 'Proj', 'Prev'],
    [s.product, s.projection, s.previous],
    [batch, 3 * units],
    units,
    body,
    { activation: s.activation, t: s.t }, // the gates do not read the mask
  );
}

export interface GruBeforeState extends StepInputs {
  readonly mixed: tf.Tensor2D; // [batch, units]: (r h_prev) R_h
  readonly gates: tf.Tensor2D; // [batch, 3*units]: gruBeforeGates' record
  readonly projection: tf.Tensor2D; // [time*batch, 3*units]
  readonly previous: tf.Tensor2D; // [batch, >= units]: h_prev first
  readonly keep: boolean; // write the 5-block record the backward pass reads
}

/** n and the new h: the record `[batch, 5*units]` (keep) or `[batch, units]`. */
export function gruBeforeState(s: GruBeforeState): tf.Tensor2D {
  const [batch, units] = s.mixed.shape;
  const blocks = s.keep ? gruBeforeBlocks.kept : gruBeforeBlocks.carried;
  const body = `${head('uniforms.mixedShape.y')}
  let g = b * 3 * units + j;
  let z = Zr[g + units];
  let n = stableTanh(Proj[(uniforms.row + b) * 3 * units + 2 * units + j] + Mixed[index]);
  let hPrev = Prev[b * uniforms.prevShape.y + j];
  var h = n + z * (hPrev - n);
  ${s.mask ? `${wgslMask(true)}\n  h = hPrev + m * (h - hPrev);` : ''}
  let out = b * uniforms.outShape.y + j;
  setOutputAtIndex(out, h);
  ${
    s.keep
      ? `setOutputAtIndex(out + units, hPrev);
  setOutputAtIndex(out + 2 * units, z);
  setOutputAtIndex(out + 3 * units, Zr[g + 2 * units]);
  setOutputAtIndex(out + 4 * units, n);`
      : ''
  }`;
  return run(
    'gruBeforeState',
    `recurrentGruBeforeState_${s.keep ? 'keep' : 'carry'}`,
    ['Mixed', 'Zr', 'Proj', 'Prev'],
    [s.mixed, s.gates, s.projection, s.previous],
    [batch, blocks * units],
    units,
    body,
    s,
  );
}

export interface GruBeforeCandidateGrad extends StepInputs {
  readonly carried: tf.Tensor2D; // [batch, units]: [dz_z, dz_r]_next R_zr^T (zeros at the last step)
  readonly next: tf.Tensor2D; // [batch, 4*units]: the later step's backward record
  readonly forward: tf.Tensor2D; // [time*batch, 5*units]: the forward records (time order)
  readonly sequenceGrads?: tf.Tensor2D; // [>= time*batch, units]: grads of the emitted outputs
}

/** The step's dh `d` and its candidate's gradient `dn`: the record `[batch, 2*units]` `dn, d`. */
export function gruBeforeCandidateGrad(s: GruBeforeCandidateGrad): tf.Tensor2D {
  const [batch, units] = s.carried.shape;
  const body = `${head('uniforms.carriedShape.y')}
  ${wgslMask(s.mask !== undefined)}
  var d = Carried[index] + Next[b * 4 * units + 3 * units + j];
  ${s.sequenceGrads ? 'd = d + m * Seq[(uniforms.row + b) * units + j];' : ''}
  let f = (uniforms.row + b) * 5 * units + j;
  let z = Fwd[f + 2 * units];
  let n = Fwd[f + 4 * units];
  let out = b * 2 * units + j;
  setOutputAtIndex(out, d * m * (1.0 - z) * (1.0 - n * n));
  setOutputAtIndex(out + units, d);`;
  return run(
    'gruBeforeCandidateGrad',
    `recurrentGruBeforeCandidateGrad_${s.sequenceGrads ? 'seq' : 'last'}`,
    ['Carried', 'Next', 'Fwd', ...(s.sequenceGrads ? ['Seq'] : [])],
    [s.carried, s.next, s.forward, ...(s.sequenceGrads ? [s.sequenceGrads] : [])],
    [batch, gruBeforeBlocks.candidate * units],
    units,
    body,
    s,
  );
}

export interface GruBeforeGateGrads extends StepInputs {
  readonly resetGrad: tf.Tensor2D; // [batch, units]: e = dn R_h^T, the gradient of r h_prev
  readonly candidate: tf.Tensor2D; // [batch, 2*units]: gruBeforeCandidateGrad's record
  readonly forward: tf.Tensor2D; // [time*batch, 5*units]
}

/** The z and r gradients and the carry: the record `[batch, 4*units]` (see the header). */
export function gruBeforeGateGrads(s: GruBeforeGateGrads): tf.Tensor2D {
  const [batch, units] = s.resetGrad.shape;
  const body = `${head('uniforms.eShape.y')}
  ${wgslMask(s.mask !== undefined)}
  let e = E[index];
  let dn = Cand[b * 2 * units + j];
  let d = Cand[b * 2 * units + units + j];
  let f = (uniforms.row + b) * 5 * units + j;
  let hPrev = Fwd[f + units];
  let z = Fwd[f + 2 * units];
  let r = Fwd[f + 3 * units];
  let n = Fwd[f + 4 * units];
  let out = b * 4 * units + j;
  setOutputAtIndex(out, d * m * (hPrev - n) * gateSlope(z));
  setOutputAtIndex(out + units, e * hPrev * gateSlope(r));
  setOutputAtIndex(out + 2 * units, dn);
  setOutputAtIndex(out + 3 * units, e * r + d * (z * m + 1.0 - m));`;
  return run(
    'gruBeforeGateGrads',
    'recurrentGruBeforeGateGrads',
    ['E', 'Cand', 'Fwd'],
    [s.resetGrad, s.candidate, s.forward],
    [batch, gruBeforeBlocks.backward * units],
    units,
    body,
    s,
  );
}
