/**
 * The WGSL helpers of the LSTM, GRU and simple-RNN step programs: the gate activation `gate(z)` and
 * its slope from the gate's value `gateSlope(a)`, as fused-gates.ts (tfjs-layers'
 * `hardSigmoid` is `clip(0.2 z + 0.5, 0, 1)`, slope 0.2 inside), and `stableTanh`.
 */
import type { RecurrentActivation } from '../../recurrent-activation.js';
import { wgslTanh } from './webgpu-program.js';

/** `gate`, `gateSlope` and `stableTanh` for `activation`'s programs. */
export function wgslGates(activation: RecurrentActivation): string {
  const gate =
    activation === 'hardSigmoid'
      ? 'return clamp(0.2 * z + 0.5, 0.0, 1.0);'
      : 'return 1.0 / (1.0 + exp(-z));';
  const slope =
    activation === 'hardSigmoid'
      ? 'return select(0.0, 0.2, a > 0.0 && a < 1.0);'
      : 'return a * (1.0 - a);';
  return `${wgslTanh}
fn gate(z : f32) -> f32 { ${gate} }
fn gateSlope(a : f32) -> f32 { ${slope} }`;
}

/** WGSL that reads this step's mask value of row `b` as `m` (1.0 without a mask). */
export function wgslMask(masked: boolean): string {
  return `let m = ${masked ? 'f32(Mask[b * uniforms.maskShape.y + uniforms.step])' : '1.0'};`;
}
