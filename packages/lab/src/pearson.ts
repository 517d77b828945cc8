/**
 * Pearson's correlation of two series of the same length, over the positions where both are
 * finite (a feature marks characters it leaves out with NaN). NaN when fewer than two such
 * positions remain or either series is constant on them: a unit that never moves tracks
 * nothing, and a feature absent from the text (no parentheses) cannot be tracked.
 */
import { ShapeError } from '@recurrent/errors';

/**
 * @example
 * pearson([1, 2, 3], [2, 4, 7]); // 0.9934
 */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) {
    throw new ShapeError(
      `pearson: expected two series of the same length, got ${x.length} and ${y.length}.`,
    );
  }
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i]!;
    const b = y[i]!;
    if (!(Number.isFinite(a) && Number.isFinite(b))) continue;
    n += 1;
    sx += a;
    sy += b;
  }
  if (n < 2) return Number.NaN;
  const mx = sx / n;
  const my = sy / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i]!;
    const b = y[i]!;
    if (!(Number.isFinite(a) && Number.isFinite(b))) continue;
    sxy += (a - mx) * (b - my);
    sxx += (a - mx) ** 2;
    syy += (b - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return Number.NaN;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}
