/**
 * Many short documents (names, sentences, reviews) to id sequences, with a vocabulary built
 * from them unless one is given: the makemore / sentiment data path.
 */
import { ConfigError, DataFormatError, describeValue } from '@recurrent/errors';
import type { Tokenizer } from './tokenizer.js';
import {
  createUnknownTally,
  type UnknownTally,
  Vocabulary,
  type VocabularyOptions,
} from './vocabulary.js';

export interface EncodeDocumentsOptions {
  readonly tokenizer: Tokenizer;
  readonly vocabulary?: Vocabulary;
  readonly vocabularyOptions?: VocabularyOptions;
  /** Frame each document with `<bos>` ... `<eos>` (what next-token training on names needs). */
  readonly bos?: boolean;
  readonly eos?: boolean;
}

export interface EncodedDocuments {
  readonly sequences: number[][];
  readonly vocabulary: Vocabulary;
  readonly unknown: UnknownTally;
}

/**
 * @example
 * const { sequences, vocabulary } = encodeDocuments(names, { tokenizer: charTokenizer(), bos: true, eos: true });
 */
export function encodeDocuments(
  documents: readonly string[],
  options: EncodeDocumentsOptions,
): EncodedDocuments {
  const who = 'encodeDocuments';
  if (!Array.isArray(documents)) {
    throw new ConfigError(`${who}: expected an array of strings, got ${describeValue(documents)}.`);
  }
  if (documents.length === 0) {
    throw new DataFormatError(
      `${who}: got 0 documents; expected at least one. Check the file or dataset it came from.`,
    );
  }
  const tokenized = documents.map((doc, i) => {
    if (typeof doc !== 'string') {
      throw new DataFormatError(
        `${who}: document ${i} is ${describeValue(doc)}; expected a string.`,
      );
    }
    return options.tokenizer.tokenize(doc);
  });
  const vocabulary =
    options.vocabulary ??
    Vocabulary.fromCounts(countTokens(tokenized), options.vocabularyOptions, who);
  const unknown = createUnknownTally();
  const sequences = tokenized.map((tokens) =>
    vocabulary.encode(tokens, { bos: options.bos, eos: options.eos, tally: unknown }),
  );
  return { sequences, vocabulary, unknown };
}

function countTokens(sequences: readonly string[][]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const tokens of sequences) {
    for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  }
  return counts;
}
