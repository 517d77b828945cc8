/**
 * The baseline's inputs: per variable over the whole stay the first, last, minimum,
 * maximum and mean of its normalised values and its observation count (log1p), with 0 for
 * a variable never measured, plus the 10 static features: 37 * 6 + 10 = 232 numbers a
 * stay. Computed from the raw observations (not the grid), so nothing is lost to binning.
 *
 * @example
 * const rows = aggregateFeatures(stays, indices, normalizer); // Float64Array [indices.length * 232]
 */
import { staticFeatures } from './encode-stays.js';
import { type Normalizer, normalizeValue } from './normalizer.js';
import type { Stay } from './parse-stay.js';
import { physionetTimeSeries } from './physionet-variables.js';

const V = physionetTimeSeries.length;
export const AGGREGATES = Object.freeze(['first', 'last', 'min', 'max', 'mean', 'count']);
export const AGGREGATE_SIZE = V * AGGREGATES.length + 10;

export function aggregateFeatures(
  stays: readonly Stay[],
  indices: ArrayLike<number>,
  normalizer: Normalizer,
): Float64Array {
  const out = new Float64Array(indices.length * AGGREGATE_SIZE);
  const first = new Float64Array(V);
  const last = new Float64Array(V);
  const min = new Float64Array(V);
  const max = new Float64Array(V);
  const sum = new Float64Array(V);
  const count = new Float64Array(V);
  const lastTime = new Float64Array(V);
  for (let k = 0; k < indices.length; k++) {
    const stay = stays[indices[k]!]!;
    count.fill(0);
    sum.fill(0);
    for (let i = 0; i < stay.times.length; i++) {
      const v = stay.variables[i]!;
      const z = normalizeValue(normalizer, v, stay.values[i]!);
      const t = stay.times[i]!;
      if (count[v] === 0) {
        first[v] = z;
        last[v] = z;
        min[v] = z;
        max[v] = z;
        lastTime[v] = t;
      } else {
        if (t >= lastTime[v]!) {
          last[v] = z;
          lastTime[v] = t;
        }
        min[v] = Math.min(min[v]!, z);
        max[v] = Math.max(max[v]!, z);
      }
      sum[v] = sum[v]! + z;
      count[v] = count[v]! + 1;
    }
    const row = k * AGGREGATE_SIZE;
    for (let v = 0; v < V; v++) {
      const seen = count[v]! > 0;
      const at = row + v * AGGREGATES.length;
      out[at] = seen ? first[v]! : 0;
      out[at + 1] = seen ? last[v]! : 0;
      out[at + 2] = seen ? min[v]! : 0;
      out[at + 3] = seen ? max[v]! : 0;
      out[at + 4] = seen ? sum[v]! / count[v]! : 0;
      out[at + 5] = Math.log1p(count[v]!);
    }
    out.set(staticFeatures(stay, normalizer), row + V * AGGREGATES.length);
  }
  return out;
}
