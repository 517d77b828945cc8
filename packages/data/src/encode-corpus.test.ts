import { describe, expect, it } from 'vitest';
import { charTokenizer } from './char-tokenizer.js';
import { encodeCorpus } from './encode-corpus.js';
import { stringSource } from './text-source.js';
import { Vocabulary } from './vocabulary.js';
import { wordTokenizer } from './word-tokenizer.js';

describe('encodeCorpus', () => {
  const text = 'the whale, the sea; the whale!\n'.repeat(50);

  it('builds the vocabulary in the same pass and equals tokenize + build + encode', async () => {
    const tokenizer = charTokenizer();
    const { ids, vocabulary, unknown, source } = await encodeCorpus(
      stringSource(text, { chunkSize: 7, name: 'tiny' }),
      { tokenizer },
    );
    const tokens = tokenizer.tokenize(text);
    const reference = Vocabulary.build([tokens]);
    expect(vocabulary.tokens).toEqual(reference.tokens);
    expect([...ids]).toEqual(reference.encode(tokens));
    expect(ids.length).toBe(text.length);
    expect(unknown.count).toBe(0);
    expect(source).toBe('tiny');
  });

  it('counts tokens that minFrequency turns into <unk>', async () => {
    const { ids, vocabulary, unknown } = await encodeCorpus('a a a b b c', {
      tokenizer: wordTokenizer(),
      vocabularyOptions: { minFrequency: 2 },
    });
    expect(vocabulary.corpusTokens).toEqual(['a', 'b']);
    expect([...ids]).toEqual([4, 4, 4, 5, 5, 1]);
    expect(unknown.count).toBe(1);
    expect([...unknown.tokens]).toEqual([['c', 1]]);
  });

  it('encodes with a given vocabulary and counts unknowns', async () => {
    const vocabulary = Vocabulary.fromTokens('ab ');
    const { ids, unknown } = await encodeCorpus('ab ca', {
      tokenizer: charTokenizer(),
      vocabulary,
    });
    expect([...ids]).toEqual([4, 5, 6, 1, 4]);
    expect(unknown.count).toBe(1);
    expect(unknown.tokens.get('c')).toBe(1);
  });

  it('rejects an empty corpus and a missing tokenizer', async () => {
    await expect(
      encodeCorpus(stringSource('', { name: 'empty.txt' }), { tokenizer: charTokenizer() }),
    ).rejects.toThrow(/encodeCorpus\(empty.txt\): the corpus is empty/);
    await expect(encodeCorpus('abc', {} as never)).rejects.toThrow(
      /encodeCorpus: expected options.tokenizer/,
    );
  });
});
