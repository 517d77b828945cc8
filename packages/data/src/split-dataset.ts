/**
 * Deterministic, disjoint train / validation / test splits of a list of examples: a seeded
 * permutation cut in three. Together the three parts hold every example exactly once.
 */
import { ConfigError } from '@recurrent/errors';
import { createRandom } from '@recurrent/random';
import { checkFraction, checkSeed } from './check-options.js';

export interface SplitOptions {
  readonly validationFraction?: number;
  readonly testFraction?: number;
  readonly seed?: number;
}

export const splitDefaults = Object.freeze({
  validationFraction: 0.1, // enough to rank models on small corpora, little taken from training
  testFraction: 0.1, // held back for the final number only
  seed: 0, // the same split on every run: metrics stay comparable
});

export interface Split<T> {
  readonly train: T[];
  readonly validation: T[];
  readonly test: T[];
  /** The index of each example in the input, per part. */
  readonly indices: {
    readonly train: number[];
    readonly validation: number[];
    readonly test: number[];
  };
}

/** Part sizes: round(n * fraction) for validation and test, the rest for training. */
export function splitSizes(
  who: string,
  n: number,
  validationFraction: number,
  testFraction: number,
): { train: number; validation: number; test: number } {
  checkFraction(who, 'validationFraction', validationFraction);
  checkFraction(who, 'testFraction', testFraction);
  if (validationFraction + testFraction >= 1) {
    throw new ConfigError(
      `${who}: validationFraction + testFraction must be below 1 so training keeps some data, ` +
        `got ${validationFraction} + ${testFraction}.`,
    );
  }
  const validation = Math.round(n * validationFraction);
  const test = Math.round(n * testFraction);
  const train = n - validation - test;
  for (const [part, size, fraction] of [
    ['training', train, 1 - validationFraction - testFraction],
    ['validation', validation, validationFraction],
    ['test', test, testFraction],
  ] as const) {
    if (fraction > 0 && size < 1) {
      throw new ConfigError(
        `${who}: ${n} items leave the ${part} part empty (fraction ${fraction}). ` +
          'Use more data or a larger fraction, or set the fraction to 0.',
      );
    }
  }
  return { train, validation, test };
}

/**
 * @example
 * const { train, validation, test } = splitDataset(names, { validationFraction: 0.1, testFraction: 0.1, seed: 1 });
 */
export function splitDataset<T>(items: readonly T[], options: SplitOptions = {}): Split<T> {
  const who = 'splitDataset';
  const o = { ...splitDefaults, ...options };
  if (!Array.isArray(items)) {
    throw new ConfigError(`${who}: expected an array of examples, got ${typeof items}.`);
  }
  const sizes = splitSizes(who, items.length, o.validationFraction, o.testFraction);
  const order = createRandom(checkSeed(who, o.seed)).shuffle(items.map((_, i) => i));
  const indices = {
    train: order.slice(0, sizes.train),
    validation: order.slice(sizes.train, sizes.train + sizes.validation),
    test: order.slice(sizes.train + sizes.validation),
  };
  const pick = (list: number[]) => list.map((i) => items[i] as T);
  return {
    train: pick(indices.train),
    validation: pick(indices.validation),
    test: pick(indices.test),
    indices,
  };
}
