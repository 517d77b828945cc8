/**
 * GRU-D (Che et al. 2018, "Recurrent Neural Networks for Multivariate Time Series with
 * Missing Values"): a GRU that reads, at every step, the values `x`, the observed mask `m`
 * (1 = measured now) and the time since each variable's last observation `delta`, and
 * learns two decays. With `xLast` the last observed value (carried in the state) and `mean`
 * the training mean (0 after normalisation):
 *
 *   gx   = exp(-relu(delta * wx + bx))                 input decay   [batch, in] (wx diagonal)
 *   gh   = exp(-relu(delta Wh + bh))                   hidden decay  [batch, units]
 *   xl   = m * x + (1 - m) * xLast                     last observation, new state
 *   xh   = m * x + (1 - m) * (gx * xLast + (1 - gx) * mean)
 *   hh   = gh * h
 *   z    = s(xh Kz + hh Rz + m Mz + bz);  r = s(xh Kr + hh Rr + m Mr + br)
 *   n    = tanh(xh Kh + (r * hh) Rh + m Mh + bh)
 *   h'   = z * hh + (1 - z) * n                         (the repo's GRU convention: z keeps)
 *
 * Gates (z, r, h) along the last axis as in `gruCell` (resetAfter: false). State is
 * `[h, xLast]`; the first state is the output, as for every cell.
 *
 * The cell contract, extended for per-step side inputs: `step(x, state, { side })` where
 * `side` holds one `[batch, inputSize]` tensor per name in `cell.sideInputs`;
 * `runSideInputRnn` is the time loop that slices them per step. Lives in @recurrent/clinical
 * until @recurrent/cells takes the extended contract (see the README).
 *
 * @example
 * const cell = gruDCell({ inputSize: 47, units: 32 });
 * const { output, state } = cell.step(x, cell.initialState(8), { side: { observed, delta } });
 */
import { glorotUniform, type NamedWeight, orthogonal, type StepResult } from '@recurrent/cells';
import { ConfigError, ShapeError } from '@recurrent/errors';
import { createRandom } from '@recurrent/random';
import * as tf from '@tensorflow/tfjs-core';

export type SideInputName = 'observed' | 'delta';

export interface SideStepOptions {
  /** One `[batch, inputSize]` tensor per side input: the observed mask and the time since the last observation. */
  readonly side: Readonly<Record<SideInputName, tf.Tensor2D>>;
  readonly training?: boolean;
}

export interface GruDCell {
  readonly kind: 'gru-d';
  readonly name: string;
  readonly inputSize: number;
  readonly outputSize: number;
  readonly units: number;
  /** `[units, inputSize]`: h and the last observed values. */
  readonly stateSize: readonly number[];
  /** The per-step inputs besides x, each `[batch, inputSize]`. */
  readonly sideInputs: readonly SideInputName[];
  readonly weights: readonly NamedWeight[];
  /** What a missing value decays towards (`[inputSize]`, not trained). */
  readonly mean: tf.Tensor1D;
  initialState(batch: number): tf.Tensor2D[];
  step(x: tf.Tensor2D, state: tf.Tensor2D[], options: SideStepOptions): StepResult;
}

export interface GruDCellOptions {
  readonly inputSize: number;
  readonly units: number;
  /** The empirical mean of each input (`[inputSize]`); zeros for normalised inputs. */
  readonly mean?: Float32Array;
  /** Weight name prefix: `<name>/kernel`, `<name>/input_decay_kernel`, ... */
  readonly name?: string;
  readonly seed?: number;
}

export const gruDCellDefaults = Object.freeze({
  name: 'gru_d_0', // stable weight names for checkpoints
  seed: 0, // the same weights on every run unless another seed is asked for
  inputDecay: 0.05, // initial wx per hour: a missing value keeps e^-0.05 ~ 95% of its pull after 1 h
});

const variable = (name: string, values: Float32Array, shape: number[]): NamedWeight =>
  Object.freeze({
    name,
    variable: tf.tidy(() => tf.variable(tf.tensor(values, shape, 'float32'))),
  });

function checkShape(who: string, what: string, t: tf.Tensor, batch: number, width: number): void {
  if (t.rank !== 2 || t.shape[0] !== batch || t.shape[1] !== width) {
    throw new ShapeError(
      `${who}: expected ${what} of shape [${batch}, ${width}], got [${t.shape.join(', ')}]. Pass one step [batch, inputSize]; whole sequences go to runSideInputRnn().`,
    );
  }
}

export function gruDCell(options: GruDCellOptions): GruDCell {
  const who = 'gruDCell';
  const o = { ...gruDCellDefaults, ...options };
  for (const key of ['inputSize', 'units'] as const) {
    if (!(Number.isInteger(o[key]) && o[key] >= 1)) {
      throw new ConfigError(
        `${who}: expected ${key} to be an integer >= 1, got ${String(o[key])}.`,
      );
    }
  }
  const { inputSize, units } = o;
  if (o.mean && o.mean.length !== inputSize) {
    throw new ConfigError(
      `${who}: expected mean of length inputSize ${inputSize}, got ${o.mean.length}.`,
    );
  }
  const rng = createRandom(o.seed);
  const gates = 3 * units;
  const kernel = variable(`${o.name}/kernel`, glorotUniform(rng, inputSize, gates), [
    inputSize,
    gates,
  ]);
  const recurrent = variable(`${o.name}/recurrent_kernel`, orthogonal(rng, units, gates), [
    units,
    gates,
  ]);
  const maskKernel = variable(`${o.name}/mask_kernel`, glorotUniform(rng, inputSize, gates), [
    inputSize,
    gates,
  ]);
  const bias = variable(`${o.name}/bias`, new Float32Array(gates), [gates]);
  const inputDecay = variable(
    `${o.name}/input_decay_kernel`,
    new Float32Array(inputSize).fill(o.inputDecay),
    [inputSize],
  );
  const inputDecayBias = variable(`${o.name}/input_decay_bias`, new Float32Array(inputSize), [
    inputSize,
  ]);
  const hiddenDecay = variable(
    `${o.name}/hidden_decay_kernel`,
    glorotUniform(rng, inputSize, units).map((w) => 0.1 * w),
    [inputSize, units],
  );
  const hiddenDecayBias = variable(`${o.name}/hidden_decay_bias`, new Float32Array(units), [units]);
  const mean = tf.tensor1d(o.mean ?? new Float32Array(inputSize));

  const cell: GruDCell = {
    kind: 'gru-d',
    name: o.name,
    inputSize,
    outputSize: units,
    units,
    stateSize: Object.freeze([units, inputSize]),
    sideInputs: Object.freeze(['observed', 'delta'] as const),
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
    mean,
    initialState: (batch) => [
      tf.zeros([batch, units]), // h
      tf.tidy(() => tf.tile(tf.expandDims(mean, 0), [batch, 1]) as tf.Tensor2D), // xLast [batch, in]
    ],
    step(x, state, stepOptions): StepResult {
      const batch = x.shape[0];
      checkShape(`${who}.step`, 'x', x, batch, inputSize);
      const side = stepOptions?.side;
      if (!side?.observed || !side.delta) {
        throw new ConfigError(
          `${who}.step: expected side inputs { observed, delta } ([batch, ${inputSize}] each), got ${side ? `{ ${Object.keys(side).join(', ')} }` : 'none'}. GRU-D reads the observed mask and the time since the last observation at every step.`,
        );
      }
      checkShape(`${who}.step`, 'side.observed', side.observed, batch, inputSize);
      checkShape(`${who}.step`, 'side.delta', side.delta, batch, inputSize);
      if (state.length !== 2) {
        throw new ShapeError(
          `${who}.step: expected state [h, xLast], got ${state.length} tensors. Start from cell.initialState(batch).`,
        );
      }
      const [h, xLast] = state as [tf.Tensor2D, tf.Tensor2D];
      checkShape(`${who}.step`, 'state h', h, batch, units);
      checkShape(`${who}.step`, 'state xLast', xLast, batch, inputSize);
      return tf.tidy(() => {
        const m = side.observed; // [batch, in]
        const keep = tf.sub(1, m); // [batch, in]
        const gx = tf.exp(
          tf.neg(tf.relu(tf.add(tf.mul(side.delta, inputDecay.variable), inputDecayBias.variable))),
        ); // [batch, in]
        const gh = tf.exp(
          tf.neg(
            tf.relu(tf.add(tf.matMul(side.delta, hiddenDecay.variable), hiddenDecayBias.variable)),
          ),
        ); // [batch, units]
        const seen = tf.mul(m, x); // [batch, in]
        const xl = tf.add(seen, tf.mul(keep, xLast)) as tf.Tensor2D; // [batch, in]
        const decayed = tf.add(tf.mul(gx, xLast), tf.mul(tf.sub(1, gx), mean)); // [batch, in]
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
        return { output: hNext, state: [hNext, xl] };
      });
    },
  };
  return Object.freeze(cell);
}
