import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordTokenizer } from './word-tokenizer.js';

describe('wordTokenizer', () => {
  const sentence = "Don't stop, Ahab! It's 3.14 o'clock—sea-boots.";

  it('splits punctuation off and keeps contractions, numbers and hyphenated words', () => {
    expect(wordTokenizer().tokenize(sentence)).toEqual([
      "Don't",
      'stop',
      ',',
      'Ahab',
      '!',
      "It's",
      '3.14',
      "o'clock",
      '—',
      'sea-boots',
      '.',
    ]);
  });

  it("splits clitics Penn-Treebank style with contractions: 'split'", () => {
    const tok = wordTokenizer({ contractions: 'split', lowercase: true });
    expect(tok.tokenize("Don't, can't; Ahab's they're I'm o'clock")).toEqual([
      'do',
      "n't",
      ',',
      'ca',
      "n't",
      ';',
      'ahab',
      "'s",
      'they',
      "'re",
      'i',
      "'m",
      "o'clock",
    ]);
  });

  it('splits hyphens when asked', () => {
    expect(wordTokenizer({ splitHyphens: true }).tokenize('sea-boots')).toEqual([
      'sea',
      '-',
      'boots',
    ]);
  });

  it('handles non-Latin scripts and NFC', () => {
    expect(wordTokenizer().tokenize('Καλημέρα κόσμε, naïve')).toEqual([
      'Καλημέρα',
      'κόσμε',
      ',',
      'naïve',
    ]);
    expect(wordTokenizer().tokenize('nai\u0308ve')).toEqual(['na\u00efve']);
  });

  it('detokenizes with natural spacing', () => {
    const tok = wordTokenizer({ contractions: 'split' });
    expect(tok.detokenize(tok.tokenize(sentence))).toBe(
      "Don't stop, Ahab! It's 3.14 o'clock — sea-boots.",
    );
    expect(tok.detokenize(['(', 'a', ')', 'b', '.'])).toBe('(a) b.');
  });

  it('loses no character: tokens joined equal the text without whitespace (property)', () => {
    for (const contractions of ['keep', 'split'] as const) {
      const tok = wordTokenizer({ contractions });
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
          const tokens = tok.tokenize(text);
          expect(tokens.join('')).toBe(text.normalize('NFC').replace(/\s/gu, ''));
          expect(tokens.every((t) => t.length > 0 && !/\s/u.test(t))).toBe(true);
        }),
      );
    }
  });

  it('rejects a bad option', () => {
    expect(() => wordTokenizer({ contractions: 'drop' as 'keep' })).toThrow(
      /wordTokenizer: unknown contractions the string "drop". Available: 'keep', 'split'/,
    );
  });
});
