/**
 * Calibration: the Hosmer-Lemeshow statistic over `groups` risk groups (deciles by
 * default, sorted by predicted risk, equal counts), with its reliability table and the
 * chi-square p-value on `groups - 2` degrees of freedom. H near the degrees of freedom (8)
 * and p > 0.05: the predicted risks agree with the observed death rates.
 *
 *   H = sum_g (O_g - E_g)^2 / (E_g (1 - E_g / n_g))
 *
 * with O_g the deaths, E_g the sum of predicted risks and n_g the stays of group g.
 *
 * @example
 * const hl = hosmerLemeshow(labels, risks); // { statistic: 7.9, degreesOfFreedom: 8, pValue: 0.44, table }
 */
import { DataFormatError } from '@recurrent/errors';

export interface ReliabilityRow {
  readonly count: number;
  /** Range of predicted risks in the group. */
  readonly low: number;
  readonly high: number;
  readonly meanPredicted: number;
  readonly observedRate: number;
}

export interface HosmerLemeshow {
  readonly statistic: number;
  readonly degreesOfFreedom: number;
  readonly pValue: number;
  readonly table: readonly ReliabilityRow[];
}

export const hosmerLemeshowDefaults = Object.freeze({
  groups: 10, // deciles of risk: the test as Hosmer and Lemeshow proposed it
});

/** The regularised upper incomplete gamma Q(a, x) (Numerical Recipes' series / continued fraction). */
function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lnGammaA = lnGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 500; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return 1 - sum * Math.exp(-x + a * Math.log(x) - lnGammaA);
  }
  let b = x + 1 - a;
  let c = 1 / 1e-300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(-x + a * Math.log(x) - lnGammaA) * h;
}

/** ln Gamma(x) (Lanczos, g = 7). */
function lnGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** P(chi-square with k degrees of freedom > x). */
export function chiSquareSurvival(x: number, k: number): number {
  return gammaQ(k / 2, x / 2);
}

export function hosmerLemeshow(
  labels: ArrayLike<number>,
  risks: ArrayLike<number>,
  options: { readonly groups?: number } = {},
): HosmerLemeshow {
  const groups = options.groups ?? hosmerLemeshowDefaults.groups;
  const n = labels.length;
  if (n !== risks.length || n < groups || groups < 3) {
    throw new DataFormatError(
      `hosmerLemeshow: expected as many labels as risks and at least ${groups} of them (groups >= 3), got ${n} labels, ${risks.length} risks and ${groups} groups.`,
    );
  }
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => risks[a]! - risks[b]! || a - b,
  );
  const table: ReliabilityRow[] = [];
  let statistic = 0;
  for (let g = 0; g < groups; g++) {
    const from = Math.floor((g * n) / groups);
    const to = Math.floor(((g + 1) * n) / groups);
    let expected = 0;
    let observed = 0;
    for (let k = from; k < to; k++) {
      expected += risks[order[k]!]!;
      observed += labels[order[k]!]!;
    }
    const count = to - from;
    const variance = expected * (1 - expected / count);
    if (variance > 0) statistic += (observed - expected) ** 2 / variance;
    table.push({
      count,
      low: risks[order[from]!]!,
      high: risks[order[to - 1]!]!,
      meanPredicted: expected / count,
      observedRate: observed / count,
    });
  }
  const degreesOfFreedom = groups - 2;
  return {
    statistic,
    degreesOfFreedom,
    pValue: chiSquareSurvival(statistic, degreesOfFreedom),
    table,
  };
}
