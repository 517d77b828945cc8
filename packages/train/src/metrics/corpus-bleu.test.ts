import { readFileSync } from 'node:fs';
import { DataFormatError, ShapeError } from '@recurrent/errors';
import { describe, expect, it } from 'vitest';
import { corpusBleu } from './corpus-bleu.js';

// Reference values: NLTK 3.8 corpus_bleu (see fixtures/README.md).
interface BleuCase {
  name: string;
  references: string[][][];
  hypotheses: string[][];
  corpus_bleu: { bleu1: number; bleu2: number; bleu3: number; bleu4: number };
  sentence_bleu4_smoothing_method1: number[];
}
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/bleu_nltk.json', import.meta.url), 'utf8'),
) as { cases: BleuCase[] };

/** |a - b| <= 1e-12 * |b| (relative: some NLTK values are ~1e-231). */
function expectRelClose(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.abs(expected));
}

describe('corpusBleu', () => {
  it('covers every fixture case', () => {
    expect(fixture.cases.map((c) => c.name)).toEqual([
      'identical',
      'multi_ref',
      'brevity',
      'corpus_two',
      'no_4gram',
      'random_30',
    ]);
  });

  for (const c of fixture.cases) {
    it(`matches NLTK corpus_bleu BLEU-1..4 on "${c.name}"`, () => {
      const got = corpusBleu(c.references, c.hypotheses);
      expectRelClose(got.bleu1, c.corpus_bleu.bleu1);
      expectRelClose(got.bleu2, c.corpus_bleu.bleu2);
      expectRelClose(got.bleu3, c.corpus_bleu.bleu3);
      expectRelClose(got.bleu4, c.corpus_bleu.bleu4);
    });
  }

  it('hand-checked: brevity penalty uses the closest reference, ties to the shorter', () => {
    // Hypothesis of 5 tokens; references of 4 and 6 tokens are equally close: r = 4 < c = 5,
    // so BP = 1 and BLEU-1 = clipped unigram precision = 4/5 (a, b, c, d match; x does not).
    const tie = corpusBleu(
      [
        [
          ['a', 'b', 'c', 'd'],
          ['a', 'b', 'c', 'd', 'e', 'f'],
        ],
      ],
      [['a', 'b', 'c', 'd', 'x']],
    );
    expect(tie.referenceLength).toBe(4);
    expect(tie.brevityPenalty).toBe(1);
    expect(tie.bleu1).toBeCloseTo(0.8, 15);
    // Clipping: "the the the" against "the cat": 'the' counts once -> p1 = 1/3; c = 3 > r = 2.
    const clip = corpusBleu([[['the', 'cat']]], [['the', 'the', 'the']]);
    expect(clip.precisions[0]).toBeCloseTo(1 / 3, 15);
    expect(clip.bleu1).toBeCloseTo(1 / 3, 15);
    // Pooled, not averaged: c = 2 + 3 = 5, r = 2 + 4 = 6, BP = exp(1 - 6/5); p1 = (2 + 3)/5 = 1.
    const pooled = corpusBleu(
      [[['a', 'b']], [['c', 'd', 'e', 'f']]],
      [
        ['a', 'b'],
        ['c', 'd', 'e'],
      ],
    );
    expect(pooled.brevityPenalty).toBeCloseTo(Math.exp(1 - 6 / 5), 15);
    expect(pooled.bleu1).toBeCloseTo(Math.exp(1 - 6 / 5), 15);
  });

  it('scores 0 when no unigram matches, as NLTK', () => {
    expect(corpusBleu([[['a', 'b']]], [['c', 'd']]).bleu4).toBe(0);
    expect(corpusBleu([[['a', 'b']]], [[]]).bleu1).toBe(0);
  });

  it('accepts token ids', () => {
    expect(corpusBleu([[[1, 2, 3, 4]]], [[1, 2, 3, 4]]).bleu4).toBe(1);
  });

  it('rejects mismatched and empty input with a clear message', () => {
    expect(() => corpusBleu([[['a']]], [['a'], ['b']])).toThrow(ShapeError);
    expect(() => corpusBleu([[['a']]], [['a'], ['b']])).toThrow(
      'corpusBleu: expected one list of references per hypothesis, got 1 reference lists for 2 hypotheses',
    );
    expect(() => corpusBleu([], [])).toThrow(DataFormatError);
    expect(() => corpusBleu([], [])).toThrow('expected at least one hypothesis');
    expect(() => corpusBleu([[]], [['a']])).toThrow('expected at least one reference');
    // A forgotten level of nesting: the references of sentence 0 given as plain tokens.
    expect(() => corpusBleu([['a', 'b'] as unknown as string[][]], [['a']])).toThrow(
      'Wrap a single reference',
    );
  });
});
