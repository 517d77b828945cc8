/**
 * Encodes a string as characters: one token per Unicode code point after NFC normalisation
 * (as `charTokenizer()` splits it), then ids through `vocabulary.encode`, so characters the
 * vocabulary lacks become `<unk>` and are counted (in `vocabulary.unknown` and, when given,
 * `options.tally`). The one way a char-LM's prime, evaluation text or trace is turned into ids.
 */
import { charTokenizer } from './char-tokenizer.js';
import type { EncodeOptions, Vocabulary } from './vocabulary.js';

const chars = charTokenizer(); // NFC, one token per code point: what char-LM vocabularies hold

/**
 * @example
 * const tally = createUnknownTally();
 * const ids = encodeChars(vocab, 'Call me Ishmael.', { tally });
 * const unseen = [...tally.tokens.keys()]; // the characters scored as <unk>, first seen first
 */
export function encodeChars(
  vocabulary: Vocabulary,
  text: string,
  options: EncodeOptions = {},
): number[] {
  return vocabulary.encode(chars.tokenize(text), options);
}
