/**
 * Tokenizes a text source piece by piece. A piece is cut after its last whitespace and the
 * rest carried into the next one, so no word (and no character with its combining marks)
 * is split across pieces: the tokens equal `tokenizer.tokenize(wholeText)`, without ever
 * holding the whole text.
 */
import type { TextSource } from './text-source.js';
import type { Tokenizer } from './tokenizer.js';

export const tokenizeSourceDefaults = Object.freeze({
  maxCarry: 1 << 20, // a piece with no whitespace in 1 Mi characters is cut anyway (binary-like data)
});

const WHITESPACE = /\s/u;

function cutAfterLastWhitespace(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) {
    if (WHITESPACE.test(text[i]!)) return i + 1;
  }
  return 0;
}

/**
 * @example
 * for await (const tokens of tokenizeSource(fileSource('big.txt'), wordTokenizer())) count(tokens);
 */
export async function* tokenizeSource(
  source: TextSource,
  tokenizer: Tokenizer,
  options: { readonly maxCarry?: number } = {},
): AsyncGenerator<string[]> {
  const { maxCarry } = { ...tokenizeSourceDefaults, ...options };
  let carry = '';
  for await (const piece of source.chunks()) {
    const text = carry + piece;
    let cut = cutAfterLastWhitespace(text);
    if (cut === 0 && text.length > maxCarry) {
      const last = text.charCodeAt(text.length - 1);
      cut = last >= 0xd800 && last <= 0xdbff ? text.length - 1 : text.length;
    }
    if (cut > 0) {
      yield tokenizer.tokenize(text.slice(0, cut));
      carry = text.slice(cut);
    } else {
      carry = text;
    }
  }
  if (carry.length > 0) yield tokenizer.tokenize(carry);
}
