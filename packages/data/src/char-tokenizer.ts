/**
 * Character tokenizer: one token per Unicode code point after NFC normalisation (so "é"
 * typed as e + combining accent is one token, and emoji outside the BMP are never split
 * into surrogate halves). `detokenize(tokenize(s))` gives back the normalised `s` exactly.
 */
import { ConfigError } from '@recurrent/errors';
import { checkNormalization, type Normalization, normalizeText } from './normalize-text.js';
import type { CharTokenizerConfig, Tokenizer } from './tokenizer.js';

export interface CharTokenizerOptions {
  readonly normalize?: Normalization;
  readonly lowercase?: boolean;
}

export const charTokenizerDefaults = Object.freeze({
  normalize: 'NFC' as Normalization, // composed forms: the same visible text gives the same ids
  lowercase: false, // a char-LM should learn capitals; turn on for tiny corpora
});

/**
 * @example
 * const tok = charTokenizer();
 * tok.tokenize('Call me'); // ['C', 'a', 'l', 'l', ' ', 'm', 'e']
 */
export function charTokenizer(options: CharTokenizerOptions = {}): Tokenizer {
  const who = 'charTokenizer';
  const o = { ...charTokenizerDefaults, ...options };
  const normalize = checkNormalization(who, o.normalize);
  if (typeof o.lowercase !== 'boolean') {
    throw new ConfigError(`${who}: expected lowercase to be true or false, got ${o.lowercase}.`);
  }
  const config: CharTokenizerConfig = Object.freeze({
    kind: 'char',
    normalize,
    lowercase: o.lowercase,
  });
  return {
    config,
    tokenize: (text) => Array.from(normalizeText(text, normalize, config.lowercase)),
    detokenize: (tokens) => tokens.join(''),
  };
}
