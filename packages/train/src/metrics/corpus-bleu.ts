/**
 * Corpus BLEU-1..4 (Papineni et al. 2002) with the standard brevity penalty, matching
 * NLTK 3.8 `corpus_bleu` with weights (1), (1/2, 1/2), (1/3, 1/3, 1/3), (1/4 x 4) and no
 * smoothing. Counts are pooled over all sentences before the geometric mean (this is not
 * the mean of sentence BLEUs). The reference length of a sentence is the reference length
 * closest to the hypothesis, ties to the shorter. Like NLTK, a corpus with no matching
 * unigram scores 0, and an order with no match at all counts as precision 2.2e-308 (not 0),
 * so such a BLEU-n is tiny but positive (NLTK warns there; we match its numbers).
 *
 * @example
 * corpusBleu([[['a', 'cat', 'sat']]], [['a', 'cat', 'sat']]).bleu4; // 1
 */
import {
  type BleuToken,
  bleuFromStatistics,
  bleuStatistics,
  brevityPenalty,
} from './bleu-statistics.js';

export interface CorpusBleu {
  readonly bleu1: number;
  readonly bleu2: number;
  readonly bleu3: number;
  readonly bleu4: number;
  /** Clipped n-gram precisions p1..p4 (unsmoothed, pooled over the corpus). */
  readonly precisions: readonly number[];
  readonly brevityPenalty: number;
  /** Total hypothesis tokens (c). */
  readonly hypothesisLength: number;
  /** Total closest-reference tokens (r). */
  readonly referenceLength: number;
}

/**
 * @param references `references[i]` is the list of reference token arrays for hypothesis i.
 * @param hypotheses one token array per generated sentence.
 */
export function corpusBleu(
  references: readonly (readonly (readonly BleuToken[])[])[],
  hypotheses: readonly (readonly BleuToken[])[],
): CorpusBleu {
  const stats = bleuStatistics('corpusBleu', references, hypotheses, 4);
  const none = { method: 'none', epsilon: 0 } as const;
  return {
    bleu1: bleuFromStatistics(stats, 1, none),
    bleu2: bleuFromStatistics(stats, 2, none),
    bleu3: bleuFromStatistics(stats, 3, none),
    bleu4: bleuFromStatistics(stats, 4, none),
    precisions: stats.matches.map((m, i) => m / (stats.totals[i] as number)),
    brevityPenalty: brevityPenalty(stats.referenceLength, stats.hypothesisLength),
    hypothesisLength: stats.hypothesisLength,
    referenceLength: stats.referenceLength,
  };
}
