/**
 * The text features on hand-written strings: quotes across line breaks and paragraphs,
 * nested and unbalanced parentheses, words with apostrophes and hyphens. Each expected row
 * is written out by hand, one digit per character of the string above it.
 */
import { describe, expect, it } from 'vitest';
import { afterNewline } from './after-newline.js';
import { insideParentheses } from './inside-parentheses.js';
import { insideQuotes } from './inside-quotes.js';
import { isSpace } from './is-space.js';
import { positionInLine } from './position-in-line.js';
import { positionInWord } from './position-in-word.js';
import { textFeatures } from './text-features.js';
import { vowelOrConsonant } from './vowel-or-consonant.js';

/** `'0011'` -> [0, 0, 1, 1]: one digit per character. */
const digits = (row: string) => [...row].map(Number);
const run = (f: (chars: readonly string[]) => Float64Array, text: string) =>
  Array.from(f([...text]));

describe('insideQuotes', () => {
  it('opens after a space or at the start, closes after anything else', () => {
    expect(run(insideQuotes, 'a "bc" d')).toEqual(digits('00111000'));
    expect(run(insideQuotes, '"Hi!" he said')).toEqual(digits('1111000000000'));
  });

  it('keeps a quotation open across a line break', () => {
    expect(run(insideQuotes, '"ab\ncd" e')).toEqual(digits('111111000'));
  });

  it('reads a speech of two paragraphs (each opens with ", only the last closes) as one', () => {
    expect(run(insideQuotes, '"Ab.\n\n"Cd." e')).toEqual(digits('1111111111000'));
  });

  it('opens after a dash or a bracket, and after a colon and space', () => {
    expect(run(insideQuotes, 'x—"y"')).toEqual(digits('00110'));
    expect(run(insideQuotes, '("y")')).toEqual(digits('01100'));
    expect(run(insideQuotes, 'said: "A sad')).toEqual(digits('000000111111'));
  });

  it('ignores a closing quote with nothing open, and follows curly quotes', () => {
    expect(run(insideQuotes, 'ab" c')).toEqual(digits('00000'));
    expect(run(insideQuotes, 'a“b”c')).toEqual(digits('01100'));
  });
});

describe('insideParentheses', () => {
  it('is 1 from ( to before the ) that closes it', () => {
    expect(run(insideParentheses, 'a (b) c')).toEqual(digits('0011000'));
  });

  it('treats nested parentheses as one region', () => {
    expect(run(insideParentheses, '(a (b) c) d')).toEqual(digits('11111111000'));
  });

  it('ignores a ) with nothing open and keeps an unclosed ( open to the end', () => {
    expect(run(insideParentheses, 'a) (b')).toEqual(digits('00011'));
    expect(run(insideParentheses, '((a)')).toEqual(digits('1111'));
  });
});

describe('positionInLine', () => {
  it('counts characters since the last line break; the break itself is 0', () => {
    expect(run(positionInLine, 'abc\nde\n\nf')).toEqual([1, 2, 3, 0, 1, 2, 0, 0, 1]);
  });
});

describe('afterNewline', () => {
  it('marks the first character of every line, a blank line included', () => {
    expect(run(afterNewline, 'ab\ncd\n\ne')).toEqual(digits('10010011'));
  });
});

describe('positionInWord', () => {
  it('counts along words; apostrophes after a letter continue one, hyphens end it', () => {
    expect(run(positionInWord, "Stubb's to-day")).toEqual([
      1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 0, 1, 2, 3,
    ]);
    expect(run(positionInWord, "'em 42.")).toEqual([0, 1, 2, 0, 1, 2, 0]);
  });
});

describe('vowelOrConsonant', () => {
  it('is 1 for vowels, 0 for other letters (y too) and NaN for the rest', () => {
    expect(run(vowelOrConsonant, 'Ay, é!')).toEqual([1, 0, Number.NaN, Number.NaN, 1, Number.NaN]);
  });
});

describe('isSpace', () => {
  it('is 1 at spaces only', () => {
    expect(run(isSpace, 'a b\n c')).toEqual(digits('010010'));
  });
});

describe('textFeatures', () => {
  it('lists each feature once, with a label, and each gives one value per character', () => {
    const names = textFeatures.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const f of textFeatures) {
      expect(f.label.length).toBeGreaterThan(0);
      expect(f.of([...'a "b (c)"\nd'])).toHaveLength(11);
    }
  });
});
