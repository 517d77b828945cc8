/**
 * Per-variable normalisation fitted on the training split only, saved in the checkpoint's
 * config.json and applied unchanged at evaluation and predict time. Skewed variables (labs
 * that span decades, urine output) are log1p-transformed first; every value is then
 * z-scored with the training mean and standard deviation and clipped to +-`clip`. Static
 * descriptors (age, height, weight) are z-scored the same way.
 *
 * @example
 * const normalizer = fitNormalizer(grids, stays, trainIndices);
 * normalizeValue(normalizer, timeSeriesIndex.get('HR')!, 96); // 0.47
 */
import type { HourlyGrid } from './hourly-grid.js';
import type { Stay } from './parse-stay.js';
import { physionetTimeSeries } from './physionet-variables.js';

export interface Normalizer {
  /** 1 where the variable is log1p-transformed before z-scoring. */
  readonly log: readonly number[];
  readonly mean: readonly number[];
  readonly std: readonly number[];
  /** Age, Height, Weight: mean and std over the training stays where charted. */
  readonly staticMean: readonly number[];
  readonly staticStd: readonly number[];
  /** |z| is clipped to this. */
  readonly clip: number;
  /** Training stays it was fitted on. */
  readonly fittedOn: number;
}

export const normalizerDefaults = Object.freeze({
  clip: 6, // a value six standard deviations out is rare but real; more is usually an outlier
  minStd: 1e-3, // a variable that never varies in training (or never occurs) divides by this
});

/** Skewed variables: spread over orders of magnitude, so compared on a log scale. */
export const LOG_VARIABLES: ReadonlySet<string> = new Set([
  'ALP',
  'ALT',
  'AST',
  'Bilirubin',
  'BUN',
  'Creatinine',
  'Glucose',
  'Lactate',
  'Platelets',
  'TroponinI',
  'TroponinT',
  'Urine',
  'WBC',
]);

/** Descriptor columns (in `physionetDescriptors`) that are z-scored: Age, Height, Weight. */
export const SCALED_DESCRIPTORS = Object.freeze([0, 2, 4]);

function meanStd(sum: number, sq: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const mean = sum / n;
  const std = Math.sqrt(Math.max(0, sq / n - mean * mean));
  return [mean, Math.max(normalizerDefaults.minStd, std)];
}

export function fitNormalizer(
  grids: readonly HourlyGrid[],
  stays: readonly Stay[],
  indices: ArrayLike<number>,
): Normalizer {
  const V = physionetTimeSeries.length;
  const log = physionetTimeSeries.map((s) => (LOG_VARIABLES.has(s.name) ? 1 : 0));
  const sum = new Float64Array(V);
  const sq = new Float64Array(V);
  const n = new Float64Array(V);
  const sSum = [0, 0, 0];
  const sSq = [0, 0, 0];
  const sN = [0, 0, 0];
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    const grid = grids[i]!;
    for (let at = 0; at < grid.values.length; at++) {
      const raw = grid.values[at]!;
      if (Number.isNaN(raw)) continue;
      const v = at % V;
      const x = log[v] ? Math.log1p(raw) : raw;
      sum[v] = sum[v]! + x;
      sq[v] = sq[v]! + x * x;
      n[v] = n[v]! + 1;
    }
    SCALED_DESCRIPTORS.forEach((d, j) => {
      const x = stays[i]!.descriptors[d]!;
      if (Number.isNaN(x)) return;
      sSum[j]! += x;
      sSq[j]! += x * x;
      sN[j]! += 1;
    });
  }
  const stats = Array.from({ length: V }, (_, v) => meanStd(sum[v]!, sq[v]!, n[v]!));
  const sStats = SCALED_DESCRIPTORS.map((_, j) => meanStd(sSum[j]!, sSq[j]!, sN[j]!));
  return {
    log,
    mean: stats.map((s) => s[0]),
    std: stats.map((s) => s[1]),
    staticMean: sStats.map((s) => s[0]),
    staticStd: sStats.map((s) => s[1]),
    clip: normalizerDefaults.clip,
    fittedOn: indices.length,
  };
}

/** The z-score of one raw value of time series `v`. */
export function normalizeValue(n: Normalizer, v: number, raw: number): number {
  const x = n.log[v] ? Math.log1p(raw) : raw;
  const z = (x - n.mean[v]!) / n.std[v]!;
  return Math.max(-n.clip, Math.min(n.clip, z));
}

/** Checks a normalizer read back from config.json (a hand-edited file fails here, clearly). */
export function isNormalizer(value: unknown): value is Normalizer {
  const n = value as Normalizer;
  const V = physionetTimeSeries.length;
  const numbers = (a: unknown, len: number) =>
    Array.isArray(a) &&
    a.length === len &&
    a.every((x) => typeof x === 'number' && Number.isFinite(x));
  return (
    typeof n === 'object' &&
    n !== null &&
    numbers(n.log, V) &&
    numbers(n.mean, V) &&
    numbers(n.std, V) &&
    numbers(n.staticMean, 3) &&
    numbers(n.staticStd, 3) &&
    typeof n.clip === 'number'
  );
}
