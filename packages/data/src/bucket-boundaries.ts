/**
 * Bucket boundaries for length bucketing: upper bounds (inclusive) of each bucket's time
 * steps. A batch drawn from one bucket is padded to that bucket's boundary, so a dataset
 * gets a few fixed shapes (one per bucket) and much less padding than one shape for all.
 */
import { ConfigError } from '@recurrent/errors';
import { checkInteger } from './check-options.js';

/**
 * `count` boundaries at the length quantiles (so buckets hold about the same number of
 * sequences); the last one is `maxLength`. Fewer come back when quantiles coincide.
 *
 * @example
 * bucketBoundaries([2, 3, 3, 5, 8, 9], 3, 10); // [3, 5, 10]
 */
export function bucketBoundaries(
  lengths: ArrayLike<number>,
  count: number,
  maxLength: number,
): number[] {
  const who = 'bucketBoundaries';
  checkInteger(who, 'count', count, 1);
  checkInteger(who, 'maxLength', maxLength, 1);
  const sorted = Array.from(lengths, (n) => Math.min(Math.max(n, 1), maxLength)).sort(
    (a, b) => a - b,
  );
  const bounds = new Set<number>();
  for (let i = 1; i < count && sorted.length > 0; i++) {
    bounds.add(sorted[Math.ceil((i * sorted.length) / count) - 1]!);
  }
  bounds.add(maxLength);
  return [...bounds].sort((a, b) => a - b);
}

/** Checks explicit boundaries: ascending integers in [1, maxLength]; appends maxLength. */
export function checkBoundaries(
  who: string,
  boundaries: readonly number[],
  maxLength: number,
): number[] {
  const list = [...boundaries];
  list.forEach((b, i) => {
    checkInteger(who, `buckets[${i}]`, b, 1, maxLength);
    if (i > 0 && b <= list[i - 1]!) {
      throw new ConfigError(
        `${who}: expected buckets in increasing order, got [${list.join(', ')}]. ` +
          'Pass upper bounds such as [16, 32, 64].',
      );
    }
  });
  if (list[list.length - 1] !== maxLength) list.push(maxLength);
  return list;
}
