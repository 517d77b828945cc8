/**
 * Labelled sentences -> id sequences with a given tokenizer and vocabulary, keeping the
 * texts, labels and origins side by side (what evaluation and reports need).
 */
import { createUnknownTally, type Tokenizer, type Vocabulary } from '@recurrent/data';
import type { LabelledSentence } from './labelled-sentence.js';

export interface EncodedSentences {
  readonly texts: readonly string[];
  readonly labels: Int32Array;
  /** Token ids of every sentence (untruncated: the batcher and `evaluate` clamp them). */
  readonly sequences: readonly number[][];
  readonly origins: readonly (string | undefined)[];
  /** Tokens that became <unk>, and how many tokens there were. */
  readonly unknownTokens: number;
  readonly tokens: number;
}

/**
 * @example
 * const set = encodeSentences(sentences, wordTokenizer({ lowercase: true }), vocabulary);
 */
export function encodeSentences(
  sentences: readonly LabelledSentence[],
  tokenizer: Tokenizer,
  vocabulary: Vocabulary,
): EncodedSentences {
  const tally = createUnknownTally();
  const sequences = sentences.map((s) => vocabulary.encode(tokenizer.tokenize(s.text), { tally }));
  return {
    texts: sentences.map((s) => s.text),
    labels: Int32Array.from(sentences, (s) => s.label),
    sequences,
    origins: sentences.map((s) => s.origin),
    unknownTokens: tally.count,
    tokens: sequences.reduce((n, s) => n + s.length, 0),
  };
}
