/** Rebuilds a tokenizer from the plain config a checkpoint stores (`tokenizer.config`). */
import { ConfigError, describeValue } from '@recurrent/errors';
import { charTokenizer } from './char-tokenizer.js';
import type { CharTokenizerConfig, Tokenizer, WordTokenizerConfig } from './tokenizer.js';
import { wordTokenizer } from './word-tokenizer.js';

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
