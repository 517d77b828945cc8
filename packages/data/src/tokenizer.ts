/**
 * The tokenizer contract shared by `charTokenizer` and `wordTokenizer`, and the plain
 * configs they store (`tokenizer.config`), from which `tokenizerFromJSON` rebuilds them.
 */
import type { Normalization } from './normalize-text.js';

export type ContractionMode = 'keep' | 'split';

export interface CharTokenizerConfig {
  readonly kind: 'char';
  readonly normalize: Normalization;
  readonly lowercase: boolean;
}

export interface WordTokenizerConfig {
  readonly kind: 'word';
  readonly normalize: Normalization;
  readonly lowercase: boolean;
  readonly contractions: ContractionMode;
  readonly splitHyphens: boolean;
}

export type TokenizerConfig = CharTokenizerConfig | WordTokenizerConfig;

export interface Tokenizer {
  /** The resolved options, plain JSON: store it beside the vocabulary. */
  readonly config: TokenizerConfig;
  /** Normalises (NFC, optional lower-casing) and splits text into tokens. */
  tokenize(text: string): string[];
  /** Joins tokens back into text (exact for characters; best effort spacing for words). */
  detokenize(tokens: readonly string[]): string;
}
