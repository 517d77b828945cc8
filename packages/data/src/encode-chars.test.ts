import { describe, expect, it } from 'vitest';
import { encodeChars } from './encode-chars.js';
import { createUnknownTally, Vocabulary } from './vocabulary.js';

describe('encodeChars', () => {
  const vocab = Vocabulary.fromTokens(['C', 'a', 'l', ' ', '\u00e9']);

  it('gives one id per code point after NFC, through the vocabulary', () => {
    // 'e' + combining acute composes to one 'é' (NFC); ids follow fromTokens' order.
    expect(encodeChars(vocab, 'Cal e\u0301')).toEqual([4, 5, 6, 7, 8]); // without NFC: 6 ids, the last two <unk>
    expect(encodeChars(vocab, 'Cal\u00e9', { bos: true, eos: true })).toEqual([2, 4, 5, 6, 8, 3]);
  });

  it('encodes unseen characters as <unk> and counts them in the tally, first seen first', () => {
    const tally = createUnknownTally();
    const ids = encodeChars(vocab, 'Call 🐳 me', { tally });
    expect(ids).toEqual([4, 5, 6, 6, 7, 1, 7, 1, 1]);
    expect([...tally.tokens]).toEqual([
      ['🐳', 1],
      ['m', 1],
      ['e', 1],
    ]);
    expect(tally.count).toBe(3);
  });
});
