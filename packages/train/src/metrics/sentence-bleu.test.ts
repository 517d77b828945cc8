import { readFileSync } from 'node:fs';
import { ConfigError } from '@recurrent/errors';
import { describe, expect, it } from 'vitest';
import { sentenceBleu } from './sentence-bleu.js';

// Reference values: NLTK 3.8 sentence_bleu with SmoothingFunction().method1 (fixtures/README.md).
interface BleuCase {
  name: string;
  references: string[][][];
  hypotheses: string[][];
  sentence_bleu4_smoothing_method1: number[];
}
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/bleu_nltk.json', import.meta.url), 'utf8'),
) as { cases: BleuCase[] };

describe('sentenceBleu', () => {
  for (const c of fixture.cases) {
    it(`matches NLTK sentence_bleu (method1) for every sentence of "${c.name}"`, () => {
      expect(c.sentence_bleu4_smoothing_method1).toHaveLength(c.hypotheses.length);
      c.hypotheses.forEach((hyp, i) => {
        const expected = c.sentence_bleu4_smoothing_method1[i] as number;
        const got = sentenceBleu(c.references[i] as string[][], hyp);
        expect(Math.abs(got - expected)).toBeLessThanOrEqual(1e-12 * Math.abs(expected));
      });
    });
  }

  it('hand-checked method1: zero counts become 0.1 / count', () => {
    // Hyp "a b c x y" vs ref "a b c d e": p1 = 3/5, p2 = 2/4, p3 = 1/3, p4 = 0 -> 0.1/2.
    // c = r = 5 so BP = 1; BLEU-4 = (3/5 * 2/4 * 1/3 * 0.05)^(1/4).
    const got = sentenceBleu([['a', 'b', 'c', 'd', 'e']], ['a', 'b', 'c', 'x', 'y']);
    expect(got).toBeCloseTo((0.6 * 0.5 * (1 / 3) * 0.05) ** 0.25, 14);
    // Unsmoothed the 4-gram precision is 2.2e-308 (NLTK's float min), so BLEU is tiny.
    const none = sentenceBleu([['a', 'b', 'c', 'd', 'e']], ['a', 'b', 'c', 'x', 'y'], {
      smoothing: 'none',
    });
    expect(none).toBeLessThan(1e-70);
    expect(none).toBeGreaterThan(0);
    // BLEU-2 needs no smoothing here: sqrt(3/5 * 2/4).
    expect(
      sentenceBleu([['a', 'b', 'c', 'd', 'e']], ['a', 'b', 'c', 'x', 'y'], { order: 2 }),
    ).toBeCloseTo(Math.sqrt(0.3), 14);
  });

  it('rejects bad options', () => {
    expect(() => sentenceBleu([['a']], ['a'], { order: 5 })).toThrow(ConfigError);
    expect(() => sentenceBleu([['a']], ['a'], { order: 5 })).toThrow(
      'expected order to be 1, 2, 3 or 4, got 5',
    );
    expect(() => sentenceBleu([['a']], ['a'], { smoothing: 'method7' as 'none' })).toThrow(
      'unknown smoothing "method7". Available: method1, none.',
    );
  });
});
