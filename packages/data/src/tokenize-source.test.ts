import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { charTokenizer } from './char-tokenizer.js';
import type { TextSource } from './text-source.js';
import { tokenizeSource } from './tokenize-source.js';
import type { Tokenizer } from './tokenizer.js';
import { wordTokenizer } from './word-tokenizer.js';

function piecesSource(pieces: string[]): TextSource {
  return {
    name: 'pieces',
    async *chunks() {
      yield* pieces;
    },
  };
}

async function allTokens(source: TextSource, tokenizer: Tokenizer, maxCarry?: number) {
  const tokens: string[] = [];
  for await (const part of tokenizeSource(source, tokenizer, { maxCarry })) tokens.push(...part);
  return tokens;
}

/** Cuts `text` at the given code-point positions (sorted, deduplicated). */
function cut(text: string, cuts: number[]): string[] {
  const points = Array.from(text);
  const at = [...new Set(cuts.map((c) => c % (points.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const c of at) {
    pieces.push(points.slice(from, c).join(''));
    from = c;
  }
  pieces.push(points.slice(from).join(''));
  return pieces;
}

describe('tokenizeSource', () => {
  it('gives the tokens of the whole text however it is cut into pieces (property)', async () => {
    const tokenizers = [
      charTokenizer(),
      wordTokenizer({ contractions: 'split' }),
      wordTokenizer({ lowercase: true }),
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', maxLength: 80 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.constantFrom(...tokenizers),
        async (text, cuts, tokenizer) => {
          const pieces = cut(text, cuts);
          expect(await allTokens(piecesSource(pieces), tokenizer)).toEqual(
            tokenizer.tokenize(text),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('keeps a word split across pieces whole', async () => {
    const pieces = ['Call me Ish', 'mael. Some ye', 'ars ago'];
    expect(await allTokens(piecesSource(pieces), wordTokenizer())).toEqual([
      'Call',
      'me',
      'Ishmael',
      '.',
      'Some',
      'years',
      'ago',
    ]);
  });

  it('never hands the tokenizer more than a piece plus the carried word', async () => {
    const inner = wordTokenizer();
    let longest = 0;
    const spy: Tokenizer = {
      config: inner.config,
      tokenize(text) {
        longest = Math.max(longest, text.length);
        return inner.tokenize(text);
      },
      detokenize: inner.detokenize,
    };
    const pieces = Array.from({ length: 200 }, () => 'whale sea ship ');
    const tokens = await allTokens(piecesSource(pieces), spy);
    expect(tokens.length).toBe(600);
    expect(longest).toBeLessThanOrEqual(15 + 5);
  });

  it('cuts a piece with no whitespace once it exceeds maxCarry', async () => {
    const tokens = await allTokens(piecesSource(['abcd', 'efgh', 'ij']), charTokenizer(), 6);
    expect(tokens.join('')).toBe('abcdefghij');
  });
});
