/**
 * The suite's synthetic corpus, made once per measurement (not timed): `sentences` seeded
 * sentences of `minLength..maxLength` words drawn from a vocabulary of exactly `vocab` ids,
 * with seeded 0/1 labels, encoded by the package's own tokenizer and `encodeSentences`. The
 * words are `w4`, `w5`, ... (`w<id>`): throughput does not depend on what a sentence says.
 */
import { Vocabulary } from '@recurrent/data';
import {
  BINARY_LABELS,
  type EncodedSentences,
  encodeSentences,
  type LabelledSentence,
  sentimentTokenizer,
} from '@recurrent/sentiment';
import { seededInts } from '../cells/cells-config.js';
import type { sentimentWorkload } from './sentiment-config.js';

type Workload = typeof sentimentWorkload;

export interface SentimentCorpus {
  readonly vocabulary: Vocabulary;
  readonly tokenizer: ReturnType<typeof sentimentTokenizer>;
  readonly labels: readonly string[];
  readonly train: EncodedSentences;
}

export function makeCorpus(w: Workload): SentimentCorpus {
  const specials = 4; // <pad> <unk> <bos> <eos>
  const words = Array.from({ length: w.vocab - specials }, (_, i) => `w${i + specials}`);
  const vocabulary = Vocabulary.fromTokens(words);
  if (vocabulary.size !== w.vocab) {
    throw new Error(
      `sentiment bench: expected a vocabulary of ${w.vocab} ids, got ${vocabulary.size}.`,
    );
  }
  const lengths = seededInts(w.sentences, w.minLength, w.maxLength, w.seed);
  const total = lengths.reduce((n, x) => n + x, 0);
  const ids = seededInts(total, specials, w.vocab - 1, w.seed + 1);
  const labels = seededInts(w.sentences, 0, 1, w.seed + 2);
  let at = 0;
  const sentences: LabelledSentence[] = Array.from(lengths, (n, i) => {
    const text = Array.from(ids.subarray(at, at + n), (id) => `w${id}`).join(' ');
    at += n;
    return { text, label: labels[i]!, origin: `synthetic ${i}` };
  });
  const tokenizer = sentimentTokenizer('word');
  const train = encodeSentences(sentences, tokenizer, vocabulary);
  if (train.unknownTokens !== 0 || train.tokens !== total) {
    throw new Error(
      `sentiment bench: the synthetic words should encode one id each (${total} tokens, 0 unknown); got ${train.tokens} tokens, ${train.unknownTokens} unknown. Did the word tokenizer change?`,
    );
  }
  return { vocabulary, tokenizer, labels: BINARY_LABELS, train };
}
