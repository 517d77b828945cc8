/**
 * Real and padded token counts of a run of training batches: what the `sentiment` suite
 * divides by time. A batch of `batchSize` rows padded to `timeSteps` costs
 * `batchSize x timeSteps` positions (fill rows included: the kernels compute them too);
 * its real tokens are the sum of its rows' lengths.
 */

/** The part of a batch the accounting reads (`ArrayBatch` from `@recurrent/data` has it). */
export interface BatchShape {
  readonly batchSize: number;
  readonly timeSteps: number;
  /** Real length of each row (0 for a fill row). */
  readonly lengths: ArrayLike<number>;
}

export interface PaddingAccount {
  readonly batches: number;
  /** Sum of the rows' real lengths. */
  readonly realTokens: number;
  /** Sum of `batchSize x timeSteps`: the positions the model computes. */
  readonly paddedTokens: number;
  /** `1 - real / padded`: the share of computed positions that are padding. */
  readonly paddingShare: number;
  /** Distinct `timeSteps` seen, ascending (one per bucket used). */
  readonly timeSteps: readonly number[];
}

/**
 * @example
 * paddingAccount([{ batchSize: 2, timeSteps: 4, lengths: [4, 2] }]);
 * // { batches: 1, realTokens: 6, paddedTokens: 8, paddingShare: 0.25, timeSteps: [4] }
 */
export function paddingAccount(batches: Iterable<BatchShape>): PaddingAccount {
  let count = 0;
  let realTokens = 0;
  let paddedTokens = 0;
  const times = new Set<number>();
  for (const b of batches) {
    if (b.lengths.length !== b.batchSize) {
      throw new Error(
        `paddingAccount: expected ${b.batchSize} lengths (one per row), got ${b.lengths.length}.`,
      );
    }
    count++;
    paddedTokens += b.batchSize * b.timeSteps;
    for (let i = 0; i < b.lengths.length; i++) {
      const n = b.lengths[i]!;
      if (n < 0 || n > b.timeSteps) {
        throw new Error(
          `paddingAccount: row ${i} has length ${n}; expected 0..${b.timeSteps} (the batch's time steps).`,
        );
      }
      realTokens += n;
    }
    times.add(b.timeSteps);
  }
  return {
    batches: count,
    realTokens,
    paddedTokens,
    paddingShare: paddedTokens === 0 ? 0 : 1 - realTokens / paddedTokens,
    timeSteps: [...times].sort((a, b) => a - b),
  };
}
