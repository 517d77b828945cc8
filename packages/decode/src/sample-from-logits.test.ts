import { ConfigError, DataFormatError } from '@recurrent/errors';
import { createRandom } from '@recurrent/random';
import { describe, expect, it } from 'vitest';
import { argmax, sampleFromLogits } from './sample-from-logits.js';

const softmax = (logits: number[], t = 1): number[] => {
  const m = Math.max(...logits);
  const e = logits.map((v) => Math.exp((v - m) / t));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};

/** Draws n tokens and returns their frequencies. */
function frequencies(logits: number[], options: object, n: number, seed: number): number[] {
  const rng = createRandom(seed);
  const counts = new Array<number>(logits.length).fill(0);
  for (let i = 0; i < n; i++) {
    const t = sampleFromLogits(logits, options, rng);
    counts[t] = (counts[t] as number) + 1;
  }
  return counts.map((c) => c / n);
}

/** Each frequency within 4.5 standard errors of its probability (fails ~1 in 10^5 by chance; seeded). */
function expectMatches(freq: number[], probs: number[], n: number): void {
  probs.forEach((p, i) => {
    const se = Math.sqrt((p * (1 - p)) / n);
    expect(Math.abs((freq[i] as number) - p)).toBeLessThanOrEqual(4.5 * se + 1e-12);
  });
}

describe('sampleFromLogits', () => {
  const logits = [2, 1, 0.5, -1, 0];

  it('draws tokens with softmax(logits / T) frequencies', () => {
    const n = 20000;
    expectMatches(frequencies(logits, {}, n, 1), softmax(logits), n);
    expectMatches(frequencies(logits, { temperature: 0.5 }, n, 2), softmax(logits, 0.5), n);
    expectMatches(frequencies(logits, { temperature: 3 }, n, 3), softmax(logits, 3), n);
  });

  it('temperature 0 is argmax and draws nothing; temperature -> 0 approaches it', () => {
    const rng = createRandom(5);
    const before = rng.getState();
    expect(sampleFromLogits([0.1, 3, 3, -2], { temperature: 0 }, rng)).toBe(1); // lowest index on ties
    expect(rng.getState()).toEqual(before);
    const freq = frequencies(logits, { temperature: 0.01 }, 2000, 6);
    expect(freq[0]).toBe(1);
    expect(argmax(Float32Array.from([-1, -0.5, -3]))).toBe(1);
  });

  it('top-k never returns a token outside the k most likely, renormalised', () => {
    const rng = createRandom(8);
    for (let trial = 0; trial < 50; trial++) {
      const row = Array.from({ length: 30 }, () => rng.normal() * 3);
      const k = 1 + rng.int(5);
      const allowed = new Set(
        row
          .map((v, i) => [v, i] as const)
          .sort((a, b) => b[0] - a[0])
          .slice(0, k)
          .map(([, i]) => i),
      );
      for (let d = 0; d < 100; d++)
        expect(allowed.has(sampleFromLogits(row, { topK: k }, rng))).toBe(true);
    }
    // Renormalised over the top 2 of [2, 1, 0.5, -1, 0]: softmax([2, 1]) = [0.731, 0.269].
    const n = 20000;
    const freq = frequencies(logits, { topK: 2 }, n, 9);
    expectMatches(freq, [...softmax([2, 1]), 0, 0, 0], n);
  });

  it('top-p keeps the smallest set reaching mass p', () => {
    // probs [0.5, 0.3, 0.15, 0.05]: p = 0.8 keeps {0, 1} (0.5 + 0.3 = 0.8), renormalised 0.625/0.375.
    const row = [0.5, 0.3, 0.15, 0.05].map(Math.log);
    const n = 20000;
    expectMatches(frequencies(row, { topP: 0.8 }, n, 10), [0.625, 0.375, 0, 0], n);
    // p = 0.81 also needs token 2: {0, 1, 2}, renormalised by 0.95.
    expectMatches(
      frequencies(row, { topP: 0.81 }, n, 11),
      [0.5 / 0.95, 0.3 / 0.95, 0.15 / 0.95, 0],
      n,
    );
    // p tiny keeps only the most likely token.
    expect(frequencies(row, { topP: 0.01 }, 500, 12)[0]).toBe(1);
    // After top-k = 3 the mass is [0.5, 0.3, 0.15] / 0.95; p = 0.6 -> {0, 1} (0.526 < 0.6 <= 0.842).
    expectMatches(frequencies(row, { topK: 3, topP: 0.6 }, n, 13), [0.625, 0.375, 0, 0], n);
  });

  it('never draws a -Infinity token; same seed, same draws', () => {
    const row = [0, Number.NEGATIVE_INFINITY, 0, Number.NEGATIVE_INFINITY];
    const freq = frequencies(row, {}, 2000, 14);
    expect(freq[1]).toBe(0);
    expect(freq[3]).toBe(0);
    const a = createRandom(99);
    const b = createRandom(99);
    const drawsA = Array.from({ length: 50 }, () => sampleFromLogits(logits, { topP: 0.9 }, a));
    const drawsB = Array.from({ length: 50 }, () => sampleFromLogits(logits, { topP: 0.9 }, b));
    expect(drawsA).toEqual(drawsB);
  });

  it('rejects bad logits and options with clear messages', () => {
    const rng = createRandom(0);
    expect(() => sampleFromLogits([0, Number.NaN], {}, rng)).toThrow(DataFormatError);
    expect(() => sampleFromLogits([0, Number.NaN], {}, rng)).toThrow(
      'sampleFromLogits: expected finite logits (or -Infinity for forbidden tokens), got NaN at token 1.',
    );
    expect(() => sampleFromLogits([Number.NEGATIVE_INFINITY], {}, rng)).toThrow(
      'every logit is -Infinity',
    );
    expect(() => sampleFromLogits([], {}, rng)).toThrow('got an empty one');
    expect(() => sampleFromLogits([0], { temperature: -1 }, rng)).toThrow(ConfigError);
    expect(() => sampleFromLogits([0], { temperature: -1 }, rng)).toThrow(
      'sampleFromLogits: expected temperature to be a finite number >= 0, got -1.',
    );
    expect(() => sampleFromLogits([0], { topK: 1.5 }, rng)).toThrow(
      'expected topK to be an integer >= 0',
    );
    expect(() => sampleFromLogits([0], { topP: 0 }, rng)).toThrow(
      'expected topP in (0, 1] (1 = off), got 0.',
    );
  });
});
