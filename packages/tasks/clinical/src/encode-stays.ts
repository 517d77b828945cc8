/**
 * Model inputs for a list of stays, as flat float32 arrays (batch-major, row-major):
 *
 * - LSTM / GRU: per hour `[values (37), observed mask (37), time since last (37), static (10)]`
 *   = 121 features; values are normalised and imputed (`forward`: the last observation
 *   carried forward, `mean`: the training mean, which is 0 after normalisation); the time
 *   since the last observation is in units of the window (0..1).
 * - GRU-D: `x` is `[values (37, 0 where missing), static (10)]` and its side inputs are the
 *   observed mask and the time since the last observation in hours (static columns count
 *   as always observed); the cell imputes and decays itself.
 *
 * Static descriptors: age, gender, height, height missing, weight, weight missing, ICU type
 * (one-hot, 4). `mask` is `[batch, time]`, 1 = a real hour of the stay, 0 = padding.
 *
 * @example
 * const enc = encodeStays(grids, stays, [0, 5, 9], normalizer, { cell: 'gru', imputation: 'forward' });
 * enc.x.length; // 3 * 48 * 121
 */
import type { HourlyGrid } from './hourly-grid.js';
import { type Normalizer, normalizeValue, SCALED_DESCRIPTORS } from './normalizer.js';
import type { Stay } from './parse-stay.js';
import { physionetTimeSeries } from './physionet-variables.js';

export type Imputation = 'forward' | 'mean';
export type ClinicalCellType = 'lstm' | 'gru' | 'gru-d';

export const STATIC_SIZE = 10;
const V = physionetTimeSeries.length;

export interface EncodedStays {
  readonly batch: number;
  readonly steps: number;
  /** Features per step of `x`. */
  readonly features: number;
  readonly x: Float32Array; // [batch, steps, features]
  readonly mask: Float32Array; // [batch, steps]
  /** GRU-D only: [batch, steps, features] each. */
  readonly observed?: Float32Array;
  readonly delta?: Float32Array;
}

export interface EncodeOptions {
  readonly cell: ClinicalCellType;
  readonly imputation: Imputation;
}

/** Input width of each cell type: 121 for LSTM/GRU, 47 for GRU-D. */
export function inputSizeOf(cell: ClinicalCellType): number {
  return cell === 'gru-d' ? V + STATIC_SIZE : 3 * V + STATIC_SIZE;
}

/** The 10 static features of a stay. */
export function staticFeatures(stay: Stay, n: Normalizer): Float32Array {
  const d = stay.descriptors; // Age, Gender, Height, ICUType, Weight
  const z = (j: number) => {
    const x = d[SCALED_DESCRIPTORS[j]!]!;
    return Number.isNaN(x) ? 0 : (x - n.staticMean[j]!) / n.staticStd[j]!;
  };
  const out = new Float32Array(STATIC_SIZE);
  out[0] = z(0);
  out[1] = Number.isNaN(d[1]!) ? 0.5 : d[1]!;
  out[2] = z(1);
  out[3] = Number.isNaN(d[2]!) ? 1 : 0;
  out[4] = z(2);
  out[5] = Number.isNaN(d[4]!) ? 1 : 0;
  const icu = d[3]!;
  if (!Number.isNaN(icu)) out[5 + icu] = 1;
  return out;
}

export function encodeStays(
  grids: readonly HourlyGrid[],
  stays: readonly Stay[],
  indices: ArrayLike<number>,
  n: Normalizer,
  options: EncodeOptions,
): EncodedStays {
  const batch = indices.length;
  const steps = grids[indices[0]!]!.steps;
  const gruD = options.cell === 'gru-d';
  const F = inputSizeOf(options.cell);
  const x = new Float32Array(batch * steps * F);
  const mask = new Float32Array(batch * steps);
  const observed = gruD ? new Float32Array(batch * steps * F) : undefined;
  const delta = gruD ? new Float32Array(batch * steps * F) : undefined;
  const window = steps * grids[indices[0]!]!.stepHours; // hours of the window
  const last = new Float32Array(V);
  for (let b = 0; b < batch; b++) {
    const i = indices[b]!;
    const grid = grids[i]!;
    const stat = staticFeatures(stays[i]!, n);
    last.fill(0); // before the first observation: the training mean (0)
    for (let t = 0; t < steps; t++) {
      if (t < grid.length) mask[b * steps + t] = 1;
      const row = (b * steps + t) * F;
      for (let v = 0; v < V; v++) {
        const raw = grid.values[t * V + v]!;
        const seen = !Number.isNaN(raw);
        const z = seen ? normalizeValue(n, v, raw) : 0;
        const dt = grid.delta[t * V + v]!;
        if (gruD) {
          x[row + v] = z;
          observed![row + v] = seen ? 1 : 0;
          delta![row + v] = dt;
        } else {
          if (seen) last[v] = z;
          x[row + v] = options.imputation === 'forward' ? last[v]! : z;
          x[row + V + v] = seen ? 1 : 0;
          x[row + 2 * V + v] = Math.min(1, dt / window);
        }
      }
      const at = gruD ? V : 3 * V;
      x.set(stat, row + at);
      if (gruD) observed!.fill(1, row + V, row + F);
    }
  }
  return { batch, steps, features: F, x, mask, ...(gruD ? { observed, delta } : {}) };
}
