import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { charTokenizer } from './char-tokenizer.js';

describe('charTokenizer', () => {
  it('splits into code points after NFC', () => {
    const tok = charTokenizer();
    // "e" + U+0301 (combining acute) composes to one "é" (U+00E9) under NFC
    expect(tok.tokenize('Cafe\u0301!')).toEqual(['C', 'a', 'f', '\u00e9', '!']);
    // an emoji outside the BMP stays one token, not two surrogate halves
    expect(tok.tokenize('a🐋b')).toEqual(['a', '🐋', 'b']);
  });

  it('lower-cases when asked and keeps case by default', () => {
    expect(charTokenizer().tokenize('Ahab')).toEqual(['A', 'h', 'a', 'b']);
    expect(charTokenizer({ lowercase: true }).tokenize('Ahab')).toEqual(['a', 'h', 'a', 'b']);
  });

  it('can skip normalisation', () => {
    expect(charTokenizer({ normalize: 'none' }).tokenize('e\u0301')).toEqual(['e', '\u0301']);
  });

  it('rejects unknown options with the choices', () => {
    expect(() => charTokenizer({ normalize: 'NFD' as 'NFC' })).toThrow(
      /charTokenizer: unknown normalize the string "NFD". Available: 'NFC', 'NFKC', 'none'/,
    );
  });

  it('round-trips any text to its NFC form (property)', () => {
    const tok = charTokenizer();
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const tokens = tok.tokenize(text);
        expect(tok.detokenize(tokens)).toBe(text.normalize('NFC'));
        expect(tokens.every((t) => Array.from(t).length === 1)).toBe(true);
      }),
    );
  });
});
