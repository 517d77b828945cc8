/**
 * GRU-D (Che et al. 2018, "Recurrent Neural Networks for Multivariate Time Series with
 * Missing Values"): a GRU that reads, at every step, the values `x`, the observed mask `m`
 * (1 = measured at this step) and the time since each variable's last observation `delta`,
 * and learns two decays. With `xLast` the last observed value and `mean` the empirical mean
 * of each variable (0 after normalisation):
 *
 *   gx   = exp(-relu(delta * wx + bx))                 input decay   [batch, in] (wx diagonal)
 *   gh   = exp(-relu(delta Wh + bh))                   hidden decay  [batch, units]
 *   xl   = m * x + (1 - m) * xLast                     the last observation after this step
 *   xh   = m * x + (1 - m) * (gx * xLast + (1 - gx) * mean)
 *   hh   = gh * h
 *   z    = s(xh Kz + hh Rz + m Mz + bz);  r = s(xh Kr + hh Rr + m Mr + br)
 *   n    = tanh(xh Kh + (r * hh) Rh + m Mh + bh)
 *   h'   = z * hh + (1 - z) * n                         (the repo's GRU convention: z keeps)
 *
 * The paper writes h' = (1 - z) * hh + z * n; the two are the same model with z's weights
 * negated. Gates (z, r, h) along the last axis as in `gruCell({ resetAfter: false })`.
 * State is `[h, xLast - mean]`: the first state is the output, as for every cell, and the
 * second is the last observation relative to the mean, so the zero initial state means
 * "nothing observed yet" (a missing value before the first observation imputes the mean).
 *
 * `observed` and `delta` are side inputs (`cell.sideInputs`, see `cell.ts`):
 * `step(x, state, { sideInputs: { observed, delta } })` with `[batch, inputSize]` each, and
 * `runRnn(cell, x, { sideInputs: { observed, delta }, mask })` with `[batch, time, inputSize]`
 * each. There is no fused path: `runRnn` runs its step loop.
 */
import { ConfigError } from '@recurrent/errors';
import { createRandom } from '@recurrent/random';
import * as tf from '@tensorflow/tfjs-core';
import type { GruDCell, StepOptions, StepResult } from './cell.js';
import { checkInteger } from './check-shape.js';
import { checkStep } from './check-step.js';
import { glorotUniform } from './glorot-uniform.js';
import { namedVariable } from './named-variable.js';
import { orthogonal } from './orthogonal.js';
import { checkStepSideInputs } from './side-inputs.js';

/** The names of GRU-D's side inputs. */
export type GruDSideInputName = 'observed' | 'delta';

export interface GruDCellOptions {
  readonly inputSize: number;
  readonly units: number;
  /** The empirical mean of each input (`[inputSize]`) that a missing value decays towards. */
  readonly mean?: Float32Array | readonly number[];
  /** Initial input-decay rate per unit of `delta` (every variable starts with the same). */
  readonly inputDecay?: number;
  /** Scale of the Glorot-uniform initial hidden-decay kernel. */
  readonly hiddenDecayScale?: number;
  /**
   * Weight name prefix: `<name>/kernel`, `<name>/recurrent_kernel`, `<name>/mask_kernel`,
   * `<name>/bias`, `<name>/input_decay_kernel`, `<name>/input_decay_bias`,
   * `<name>/hidden_decay_kernel`, `<name>/hidden_decay_bias`.
   */
  readonly name?: string;
  /** Seed of the initialisers (through `@recurrent/random`). */
  readonly seed?: number;
}

export const gruDCellDefaults = Object.freeze({
  mean: undefined as Float32Array | readonly number[] | undefined, // zeros: the mean of normalised inputs
  inputDecay: 0.05, // a missing value keeps e^-0.05 ~ 95% of its last observation per unit of delta (an hour)
  hiddenDecayScale: 0.1, // small: h decays little at first, so GRU-D starts close to a GRU
  name: 'gru_d_0', // stable weight names for checkpoints; give each cell of a model its own
  seed: 0, // the same weights on every run unless another seed is asked for
});

/**
 * @example
 * const cell = gruDCell({ inputSize: 47, units: 32 });
 * cell.sideInputs; // [{ name: 'observed', size: 47 }, { name: 'delta', size: 47 }]
 * const { sequence } = runRnn(cell, x, { mask, sideInputs: { observed, delta }, returnSequences: true });
 * const { output, state } = cell.step(xt, cell.initialState(8), { sideInputs: { observed: mt, delta: dt } });
 */
export function gruDCell(options: GruDCellOptions): GruDCell {
  const who = 'gruDCell';
  const o = { ...gruDCellDefaults, ...options };
  const inputSize = checkInteger(who, 'inputSize', o.inputSize, 1);
  const units = checkInteger(who, 'units', o.units, 1);
  if (o.mean !== undefined && o.mean?.length !== inputSize) {
    throw new ConfigError(
      `${who}: expected mean to hold inputSize = ${inputSize} numbers, got ${o.mean?.length ?? typeof o.mean}. Pass the training mean of each input, or leave it out for normalised inputs (zeros).`,
    );
  }
  for (const key of ['inputDecay', 'hiddenDecayScale'] as const) {
    if (!(typeof o[key] === 'number' && Number.isFinite(o[key]) && o[key] >= 0)) {
      throw new ConfigError(
        `${who}: expected ${key} to be a number >= 0, got ${String(o[key])}. Pass e.g. ${key}: ${gruDCellDefaults[key]}.`,
      );
    }
  }
  // One generator, drawn in this order, so a seed always gives the same weights.
  const rng = createRandom(o.seed);
  const gates = 3 * units;
  const kernel = namedVariable(`${o.name}/kernel`, glorotUniform(rng, inputSize, gates), [
    inputSize,
    gates,
  ]);
  const recurrent = namedVariable(`${o.name}/recurrent_kernel`, orthogonal(rng, units, gates), [
    units,
    gates,
  ]);
  const maskKernel = namedVariable(`${o.name}/mask_kernel`, glorotUniform(rng, inputSize, gates), [
    inputSize,
    gates,
  ]);
  const bias = namedVariable(`${o.name}/bias`, new Float32Array(gates), [gates]);
  const inputDecay = namedVariable(
    `${o.name}/input_decay_kernel`,
    new Float32Array(inputSize).fill(o.inputDecay),
    [inputSize],
  );
  const inputDecayBias = namedVariable(`${o.name}/input_decay_bias`, new Float32Array(inputSize), [
    inputSize,
  ]);
  const hiddenDecay = namedVariable(
    `${o.name}/hidden_decay_kernel`,
    glorotUniform(rng, inputSize, units).map((w) => o.hiddenDecayScale * w),
    [inputSize, units],
  );
  const hiddenDecayBias = namedVariable(`${o.name}/hidden_decay_bias`, new Float32Array(units), [
    units,
  ]);
  const mean = tf.tensor1d(o.mean ? Float32Array.from(o.mean) : new Float32Array(inputSize));

  const cell: GruDCell = {
    kind: 'gru-d',
    name: o.name,
    inputSize,
    outputSize: units,
    stateSize: Object.freeze([units, inputSize]),
    sideInputs: Object.freeze([
      Object.freeze({ name: 'observed', size: inputSize }),
      Object.freeze({ name: 'delta', size: inputSize }),
    ]),
    weights: Object.freeze([
      kernel,
      recurrent,
      maskKernel,
      bias,
      inputDecay,
      inputDecayBias,
      hiddenDecay,
      hiddenDecayBias,
    ]),
    units,
    kernel: kernel.variable,
    recurrentKernel: recurrent.variable,
    maskKernel: maskKernel.variable,
    bias: bias.variable,
    inputDecayKernel: inputDecay.variable,
    inputDecayBias: inputDecayBias.variable,
    hiddenDecayKernel: hiddenDecay.variable,
    hiddenDecayBias: hiddenDecayBias.variable,
    mean,
    initialState: (batch) => [
      tf.zeros([batch, units]), // h
      tf.zeros([batch, inputSize]), // xLast - mean: nothing observed yet
    ],
    step(x, state, stepOptions: StepOptions = {}): StepResult {
      const [h, last] = checkStep(`${who}.step`, cell, x, state) as [tf.Tensor2D, tf.Tensor2D]; // last = xLast - mean
      checkStepSideInputs(`${who}.step`, cell, x.shape[0], stepOptions.sideInputs);
      const m = stepOptions.sideInputs!.observed!; // [batch, in], 1 = observed now
      const delta = stepOptions.sideInputs!.delta!; // [batch, in], time since last observed
      return tf.tidy(() => {
        const keep = tf.sub(1, m); // [batch, in]
        const gx = tf.exp(
          tf.neg(tf.relu(tf.add(tf.mul(delta, inputDecay.variable), inputDecayBias.variable))),
        ); // [batch, in]
        const gh = tf.exp(
          tf.neg(tf.relu(tf.add(tf.matMul(delta, hiddenDecay.variable), hiddenDecayBias.variable))),
        ); // [batch, units]
        const seen = tf.mul(m, x); // [batch, in]
        const lastNext = tf.add(tf.mul(m, tf.sub(x, mean)), tf.mul(keep, last)) as tf.Tensor2D; // [batch, in]: xl - mean
        const decayed = tf.add(mean, tf.mul(gx, last)); // [batch, in]: gx * xLast + (1 - gx) * mean
        const xh = tf.add(seen, tf.mul(keep, decayed)) as tf.Tensor2D; // [batch, in]
        const hh = tf.mul(gh, h) as tf.Tensor2D; // [batch, units]
        const a = tf.add(
          tf.add(tf.matMul(xh, kernel.variable), tf.matMul(m, maskKernel.variable)),
          bias.variable,
        ); // [batch, 3*units]
        const [az, ar, ah] = tf.split(a, 3, 1) as tf.Tensor2D[]; // 3 x [batch, units]
        const [rZR, rH] = tf.split(recurrent.variable, [2 * units, units], 1) as tf.Tensor2D[];
        const [uz, ur] = tf.split(tf.matMul(hh, rZR!), 2, 1) as tf.Tensor2D[]; // 2 x [batch, units]
        const z = tf.sigmoid(tf.add(az!, uz!)); // [batch, units]
        const r = tf.sigmoid(tf.add(ar!, ur!)); // [batch, units]
        const n = tf.tanh(tf.add(ah!, tf.matMul(tf.mul(r, hh), rH!))); // [batch, units]
        const hNext = tf.add(tf.mul(z, hh), tf.mul(tf.sub(1, z), n)) as tf.Tensor2D; // [batch, units]
        return { output: hNext, state: [hNext, lastNext] };
      });
    },
  };
  return Object.freeze(cell);
}
