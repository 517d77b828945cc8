/**
 * A stay's irregular observations on a regular time grid (hourly by default): per bin and
 * variable the mean of the values observed in it (NaN when none), and the GRU-D time
 * since the last observation (Che et al. 2018, eq. 2): with s_t the start of bin t,
 *
 *   delta_0 = 0,   delta_t = (s_t - s_{t-1}) + (m_{t-1} ? 0 : delta_{t-1})
 *
 * in hours. The stay's `length` is the number of bins up to its last observation, so a
 * chart that stops at hour 30 (a death, a transfer) is 30 real steps and padding after.
 *
 * @example
 * const grid = hourlyGrid(stay, { stepHours: 1, hours: 48 }); // grid.values [48 * 37], NaN = missing
 */
import { ConfigError } from '@recurrent/errors';
import type { Stay } from './parse-stay.js';
import { PHYSIONET_HOURS, physionetTimeSeries } from './physionet-variables.js';

export interface HourlyGrid {
  /** Bins of the grid. */
  readonly steps: number;
  /** Hours per bin. */
  readonly stepHours: number;
  /** Variables per bin (37). */
  readonly variables: number;
  /** [steps, variables], row-major: the mean in each bin, NaN where nothing was observed. */
  readonly values: Float32Array;
  /** [steps, variables]: hours since the last observation before this bin. */
  readonly delta: Float32Array;
  /** Real bins: up to and including the last one with an observation (at least 1). */
  readonly length: number;
}

export interface GridOptions {
  /** Width of one bin in hours. */
  readonly stepHours?: number;
  /** Hours of the window from admission. */
  readonly hours?: number;
}

export const gridDefaults = Object.freeze({
  stepHours: 1, // hourly: the charting rhythm of ICU vitals, and the lecture's per-hour risk
  hours: PHYSIONET_HOURS, // the challenge's 48-hour window
});

/** Bins of a window: 48 for hourly, 96 for half-hourly. */
export function gridSteps(options: GridOptions = {}): number {
  const stepHours = options.stepHours ?? gridDefaults.stepHours;
  const hours = options.hours ?? gridDefaults.hours;
  if (!(stepHours > 0 && hours > 0 && Number.isFinite(hours / stepHours))) {
    throw new ConfigError(
      `hourlyGrid: expected stepHours > 0 and hours > 0, got stepHours ${stepHours} and hours ${hours}. Example: { stepHours: 1, hours: 48 }.`,
    );
  }
  return Math.ceil(hours / stepHours - 1e-9);
}

export function hourlyGrid(stay: Stay, options: GridOptions = {}): HourlyGrid {
  const stepHours = options.stepHours ?? gridDefaults.stepHours;
  const hours = options.hours ?? gridDefaults.hours;
  const steps = gridSteps(options);
  const V = physionetTimeSeries.length;
  const sums = new Float64Array(steps * V);
  const counts = new Uint16Array(steps * V);
  let length = 1;
  for (let i = 0; i < stay.times.length; i++) {
    const minute = stay.times[i]!;
    if (minute > hours * 60) continue;
    const bin = Math.min(steps - 1, Math.floor(minute / 60 / stepHours)); // 48:00 joins the last bin
    const at = bin * V + stay.variables[i]!;
    sums[at] = sums[at]! + stay.values[i]!;
    counts[at] = counts[at]! + 1;
    length = Math.max(length, bin + 1);
  }
  const values = new Float32Array(steps * V);
  const delta = new Float32Array(steps * V);
  for (let t = 0; t < steps; t++) {
    for (let v = 0; v < V; v++) {
      const at = t * V + v;
      values[at] = counts[at]! > 0 ? sums[at]! / counts[at]! : Number.NaN;
      if (t > 0) {
        const before = at - V;
        delta[at] = stepHours + (counts[before]! > 0 ? 0 : delta[before]!);
      }
    }
  }
  return { steps, stepHours, variables: V, values, delta, length };
}
