/**
 * Sentence BLEU-n for one hypothesis, matching NLTK 3.8 `sentence_bleu` with uniform
 * weights 1/n and `SmoothingFunction().method1` by default: an n-gram order with no match
 * gets precision epsilon / count (epsilon 0.1) instead of 0, so one missing 4-gram does not
 * zero the score. (NLTK's own default is no smoothing; pass `smoothing: 'none'` for it.)
 * A hypothesis with no matching unigram scores 0, as in NLTK.
 *
 * @example
 * sentenceBleu([['a', 'boy', 'is', 'doing', 'a', 'flip']], ['a', 'boy', 'doing', 'a', 'flip']);
 */
import { ConfigError } from '@recurrent/errors';
import { type BleuToken, bleuFromStatistics, bleuStatistics } from './bleu-statistics.js';

export interface SentenceBleuOptions {
  /** Highest n-gram order, 1..4. */
  readonly order?: number;
  /** Smoothing of zero precisions: NLTK's method1 or none. */
  readonly smoothing?: 'method1' | 'none';
  /** method1's epsilon. */
  readonly epsilon?: number;
}

export const sentenceBleuDefaults = Object.freeze({
  order: 4, // BLEU-4, the number papers report
  smoothing: 'method1' as const, // a short sentence often has no 4-gram match; unsmoothed it would score ~0
  epsilon: 0.1, // NLTK's SmoothingFunction default
});

export function sentenceBleu(
  references: readonly (readonly BleuToken[])[],
  hypothesis: readonly BleuToken[],
  options: SentenceBleuOptions = {},
): number {
  const o = { ...sentenceBleuDefaults, ...options };
  if (!Number.isInteger(o.order) || o.order < 1 || o.order > 4) {
    throw new ConfigError(`sentenceBleu: expected order to be 1, 2, 3 or 4, got ${o.order}.`);
  }
  if (o.smoothing !== 'method1' && o.smoothing !== 'none') {
    throw new ConfigError(
      `sentenceBleu: unknown smoothing "${o.smoothing}". Available: method1, none.`,
    );
  }
  if (!(o.epsilon > 0)) {
    throw new ConfigError(`sentenceBleu: expected epsilon > 0, got ${o.epsilon}. Try 0.1.`);
  }
  const stats = bleuStatistics('sentenceBleu', [references], [hypothesis], o.order);
  return bleuFromStatistics(stats, o.order, { method: o.smoothing, epsilon: o.epsilon });
}
