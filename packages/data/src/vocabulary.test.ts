import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { charTokenizer } from './char-tokenizer.js';
import { createUnknownTally, specialTokens, Vocabulary } from './vocabulary.js';
import { wordTokenizer } from './word-tokenizer.js';

describe('Vocabulary', () => {
  const tok = wordTokenizer({ lowercase: true });
  const corpus = ['A rose is a rose.', 'Is a rose red?'].map((s) => tok.tokenize(s));

  it('puts the specials first and orders tokens by count, ties by code point', () => {
    const vocab = Vocabulary.build(corpus);
    expect(vocab.tokens).toEqual([...specialTokens, 'a', 'rose', 'is', '.', '?', 'red']);
    expect([vocab.padId, vocab.unkId, vocab.bosId, vocab.eosId]).toEqual([0, 1, 2, 3]);
    expect(vocab.size).toBe(10);
  });

  it('names its special ids and where the corpus tokens start', () => {
    const vocab = Vocabulary.build(corpus);
    const ids = [vocab.padId, vocab.unkId, vocab.bosId, vocab.eosId];
    expect(ids.map((id) => vocab.tokenOf(id))).toEqual([...specialTokens]);
    expect(vocab.specialCount).toBe(specialTokens.length);
    expect(vocab.corpusTokens).toEqual(['a', 'rose', 'is', '.', '?', 'red']);
    expect(vocab.idOf(vocab.corpusTokens[0]!)).toBe(vocab.specialCount);
    expect(Vocabulary.fromJSON(vocab.toJSON()).corpusTokens).toEqual(vocab.corpusTokens);
  });

  it('applies minFrequency and maxSize (specials included in maxSize)', () => {
    expect(Vocabulary.build(corpus, { minFrequency: 2 }).corpusTokens).toEqual(['a', 'rose', 'is']);
    expect(Vocabulary.build(corpus, { maxSize: 6 }).corpusTokens).toEqual(['a', 'rose']);
    expect(Vocabulary.build(corpus, { order: 'codepoint' }).corpusTokens).toEqual([
      '.',
      '?',
      'a',
      'is',
      'red',
      'rose',
    ]);
  });

  it('encodes unknown tokens as <unk> and counts them', () => {
    const vocab = Vocabulary.build(corpus);
    const tally = createUnknownTally();
    const ids = vocab.encode(tok.tokenize('a tulip, a tulip'), { bos: true, eos: true, tally });
    expect(ids).toEqual([2, 4, 1, 1, 4, 1, 3]);
    expect(tally.count).toBe(3);
    expect([...tally.tokens]).toEqual([
      ['tulip', 2],
      [',', 1],
    ]);
    expect(vocab.unknown.count).toBe(3);
    vocab.resetUnknown();
    expect(vocab.unknown.count).toBe(0);
  });

  it('decodes, optionally without specials', () => {
    const vocab = Vocabulary.build(corpus);
    expect(vocab.decode([2, 4, 5, 1, 3, 0])).toEqual([
      '<bos>',
      'a',
      'rose',
      '<unk>',
      '<eos>',
      '<pad>',
    ]);
    expect(vocab.decode([2, 4, 5, 1, 3, 0], { skipSpecials: true })).toEqual([
      'a',
      'rose',
      '<unk>',
    ]);
  });

  it('rejects ids outside the vocabulary, naming the id and position', () => {
    const vocab = Vocabulary.build(corpus);
    expect(() => vocab.decode([4, 10])).toThrow(
      /Vocabulary.decode: ids has the number 10 at position 1; expected an integer id in \[0, 10\)/,
    );
    expect(() => vocab.decode([-1])).toThrow(/the number -1 at position 0/);
    expect(() => vocab.tokenOf(2.5)).toThrow(
      /expected an integer id in \[0, 10\), got the number 2.5/,
    );
  });

  it('round-trips through toJSON/fromJSON (object and text)', () => {
    const vocab = Vocabulary.build(corpus);
    const json = vocab.toJSON();
    expect(json.format).toBe('recurrent.vocabulary');
    expect(json.version).toBe(1);
    for (const stored of [json, JSON.stringify(json)]) {
      const again = Vocabulary.fromJSON(stored);
      expect(again.tokens).toEqual(vocab.tokens);
      expect(again.encode(['rose', 'red'])).toEqual(vocab.encode(['rose', 'red']));
    }
  });

  it('rejects a vocabulary file of another version, saying how to fix it', () => {
    const json = { ...Vocabulary.build(corpus).toJSON(), version: 2 };
    expect(() => Vocabulary.fromJSON(json)).toThrow(
      /Vocabulary.fromJSON: expected format version 1, got the number 2. .*rebuild the vocabulary/,
    );
    expect(() => Vocabulary.fromJSON({ tokens: [] })).toThrow(
      /expected an object with format "recurrent.vocabulary"/,
    );
    expect(() => Vocabulary.fromJSON('{not json')).toThrow(/expected JSON text/);
    expect(() =>
      Vocabulary.fromJSON({ format: 'recurrent.vocabulary', version: 1, tokens: ['a', 'b'] }),
    ).toThrow(/expected tokens to start with <pad>, <unk>, <bos>, <eos>/);
  });

  it('rejects an empty corpus and a minFrequency that removes everything', () => {
    expect(() => Vocabulary.build([])).toThrow(
      /Vocabulary.build: the corpus is empty \(no tokens besides special ones\)/,
    );
    expect(() => Vocabulary.build([''])).toThrow(/the corpus is empty/);
    expect(() => Vocabulary.build(corpus, { minFrequency: 9 })).toThrow(
      /minFrequency 9 removed every token \(the most frequent one appears 3 times\)/,
    );
    expect(() => Vocabulary.build(corpus, { maxSize: 4 })).toThrow(
      /expected maxSize to be an integer >= 5, got the number 4/,
    );
  });

  it('fromTokens keeps the given order and rejects duplicates', () => {
    expect(Vocabulary.fromTokens('abc').corpusTokens).toEqual(['a', 'b', 'c']);
    expect(() => Vocabulary.fromTokens(['a', 'a'])).toThrow(/the token "a" appears twice/);
  });

  it('encode/decode round-trips every in-vocabulary sequence (property)', () => {
    const chars = charTokenizer();
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }), (text) => {
        const tokens = chars.tokenize(text);
        const vocab = Vocabulary.build([tokens]);
        const ids = vocab.encode(tokens);
        expect(ids.every((id) => id >= vocab.specialCount && id < vocab.size)).toBe(true);
        expect(chars.detokenize(vocab.decode(ids))).toBe(text.normalize('NFC'));
        expect(vocab.unknown.count).toBe(0);
      }),
    );
  });
});
