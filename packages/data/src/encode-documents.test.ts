import { describe, expect, it } from 'vitest';
import { charTokenizer } from './char-tokenizer.js';
import { encodeDocuments } from './encode-documents.js';

describe('encodeDocuments', () => {
  it('frames each document with <bos>/<eos> and builds the vocabulary', () => {
    const { sequences, vocabulary, unknown } = encodeDocuments(['emma', 'ava'], {
      tokenizer: charTokenizer(),
      bos: true,
      eos: true,
    });
    // counts: a 3, m 2, e 1, v 1 (ties by code point) -> a=4, m=5, e=6, v=7
    expect(vocabulary.corpusTokens).toEqual(['a', 'm', 'e', 'v']);
    expect(sequences).toEqual([
      [2, 6, 5, 5, 4, 3],
      [2, 4, 7, 4, 3],
    ]);
    expect(unknown.count).toBe(0);
  });

  it('counts unknowns against a given vocabulary and rejects bad input', () => {
    const { vocabulary } = encodeDocuments(['ab'], { tokenizer: charTokenizer() });
    const out = encodeDocuments(['abc'], { tokenizer: charTokenizer(), vocabulary });
    expect(out.sequences).toEqual([[4, 5, 1]]);
    expect(out.unknown.count).toBe(1);
    expect(() => encodeDocuments([], { tokenizer: charTokenizer() })).toThrow(
      /encodeDocuments: got 0 documents; expected at least one/,
    );
    expect(() => encodeDocuments(['a', 7 as never], { tokenizer: charTokenizer() })).toThrow(
      /document 1 is the number 7; expected a string/,
    );
  });
});
