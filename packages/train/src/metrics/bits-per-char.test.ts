import { ConfigError } from '@recurrent/errors';
import { describe, expect, it } from 'vitest';
import { bitsPerChar } from './bits-per-char.js';
import { perplexity } from './perplexity.js';

describe('bitsPerChar and perplexity', () => {
  it('convert nats by hand-checked identities', () => {
    expect(bitsPerChar(Math.LN2)).toBe(1); // ln 2 nats = 1 bit
    expect(bitsPerChar(0)).toBe(0);
    // A uniform guess over 65 characters: log2(65) = 6.0224 bits, perplexity 65.
    expect(bitsPerChar(Math.log(65))).toBeCloseTo(Math.log2(65), 14);
    expect(perplexity(Math.log(65))).toBeCloseTo(65, 12);
    // perplexity = 2 ** bpc
    expect(perplexity(1.3)).toBeCloseTo(2 ** bitsPerChar(1.3), 12);
    expect(perplexity(0)).toBe(1);
  });

  it('reject a negative, NaN or infinite loss', () => {
    expect(() => bitsPerChar(-0.1)).toThrow(ConfigError);
    expect(() => bitsPerChar(Number.NaN)).toThrow(
      'bitsPerChar: expected a mean cross-entropy in nats (a finite number >= 0), got NaN.',
    );
    expect(() => perplexity(Number.POSITIVE_INFINITY)).toThrow(
      'perplexity: expected a mean cross-entropy',
    );
  });
});
