import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { padSequences } from './pad-sequences.js';

describe('padSequences', () => {
  // Reference: the examples of Keras `pad_sequences` (keras.io/api/data_loading/... and
  // tf.keras.preprocessing.sequence.pad_sequences docs), whose defaults are 'pre'.
  const keras = [[1], [2, 3], [4, 5, 6]];

  it('matches Keras pad_sequences', () => {
    expect(padSequences(keras, { padding: 'pre', truncating: 'pre' }).ids).toEqual([
      [0, 0, 1],
      [0, 2, 3],
      [4, 5, 6],
    ]);
    expect(padSequences(keras, { padding: 'post', truncating: 'pre' }).ids).toEqual([
      [1, 0, 0],
      [2, 3, 0],
      [4, 5, 6],
    ]);
    expect(padSequences(keras, { padding: 'pre', truncating: 'pre', maxLength: 2 }).ids).toEqual([
      [0, 1],
      [2, 3],
      [5, 6],
    ]);
    expect(padSequences(keras, { padding: 'pre', value: -1 }).ids).toEqual([
      [-1, -1, 1],
      [-1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it('clamps to a fixed size and masks what is shorter, in one call, with a report', () => {
    const padded = padSequences([[5, 6, 7, 8, 9], [8], []], { maxLength: 3 });
    expect(padded.ids).toEqual([
      [5, 6, 7],
      [8, 0, 0],
      [0, 0, 0],
    ]);
    expect(padded.mask).toEqual([
      [1, 1, 1],
      [1, 0, 0],
      [0, 0, 0],
    ]);
    expect(padded.lengths).toEqual([3, 1, 0]);
    expect(padded.report).toEqual({
      sequences: 3,
      truncated: 1,
      droppedTokens: 2,
      maxDropped: 2,
      longest: 5,
    });
  });

  it('rejects maxLength below 1 and sequences it cannot size', () => {
    expect(() => padSequences([[1]], { maxLength: 0 })).toThrow(
      /padSequences: expected maxLength to be an integer >= 1, got the number 0/,
    );
    expect(() => padSequences([[], []])).toThrow(
      /padSequences: cannot infer maxLength: got 2 sequences, none longer than 0/,
    );
    expect(() => padSequences([[1]], { padding: 'middle' as 'pre' })).toThrow(
      /unknown padding the string "middle". Available: 'pre', 'post'/,
    );
  });

  it('masks min(length, maxLength) steps and never changes kept tokens (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 12 }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.integer({ min: 1, max: 10 }),
        fc.constantFrom('pre', 'post'),
        fc.constantFrom('pre', 'post'),
        (seqs, maxLength, padding, truncating) => {
          const p = padSequences(seqs, { maxLength, padding, truncating });
          let dropped = 0;
          seqs.forEach((seq, i) => {
            const kept = Math.min(seq.length, maxLength);
            const row = p.ids[i]!;
            const maskRow = p.mask[i]!;
            expect(row.length).toBe(maxLength);
            expect(maskRow.reduce((a, b) => a + b, 0)).toBe(kept);
            expect(p.lengths[i]).toBe(kept);
            const real = row.filter((_, t) => maskRow[t] === 1);
            const expected =
              truncating === 'pre' ? seq.slice(seq.length - kept) : seq.slice(0, kept);
            expect(real).toEqual(expected);
            const pads = row.filter((_, t) => maskRow[t] === 0);
            expect(pads.every((v) => v === 0)).toBe(true);
            // ones are contiguous, at the start ('post') or at the end ('pre')
            const first = padding === 'post' ? 0 : maxLength - kept;
            expect(maskRow.slice(first, first + kept).every((m) => m === 1)).toBe(true);
            dropped += seq.length - kept;
          });
          expect(p.report.droppedTokens).toBe(dropped);
          expect(p.report.truncated).toBe(seqs.filter((s) => s.length > maxLength).length);
        },
      ),
    );
  });
});
