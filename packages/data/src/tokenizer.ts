/**
 * The tokenizer contract shared by `charTokenizer` and `wordTokenizer`, and
 * `tokenizerFromJSON`, which rebuilds either from the plain config a checkpoint stores.
 */
import { ConfigError, describeValue } from '@recurrent/errors';
import { type CharTokenizerConfig, charTokenizer } from './char-tokenizer.js';
import { type WordTokenizerConfig, wordTokenizer } from './word-tokenizer.js';

export type TokenizerConfig = CharTokenizerConfig | WordTokenizerConfig;

export interface Tokenizer {
  /** The resolved options, plain JSON: store it beside the vocabulary. */
  readonly config: TokenizerConfig;
  /** Normalises (NFC, optional lower-casing) and splits text into tokens. */
  tokenize(text: string): string[];
  /** Joins tokens back into text (exact for characters; best effort spacing for words). */
  detokenize(tokens: readonly string[]): string;
}

/**
 * Rebuilds a tokenizer from `tokenizer.config` (e.g. read back from a checkpoint).
 *
 * @example
 * const again = tokenizerFromJSON(JSON.parse(JSON.stringify(wordTokenizer().config)));
 */
export function tokenizerFromJSON(config: unknown): Tokenizer {
  const kind = (config as { kind?: unknown } | null)?.kind;
  if (kind === 'char') return charTokenizer(config as CharTokenizerConfig);
  if (kind === 'word') return wordTokenizer(config as WordTokenizerConfig);
  throw new ConfigError(
    `tokenizerFromJSON: expected a config with kind 'char' or 'word', got ${describeValue(kind)}. ` +
      'Pass the object stored from tokenizer.config.',
  );
}
