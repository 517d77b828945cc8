/**
 * Argument checks shared by this package. Each throws a typed error whose message names the
 * function and the option, says what was expected and what was received, and how to fix it.
 */
import { ConfigError, DataFormatError, describeValue } from '@recurrent/errors';

/** An integer >= `min` (and <= `max` when given), else a `ConfigError`. */
export function checkInteger(
  who: string,
  name: string,
  value: unknown,
  min: number,
  max = Number.POSITIVE_INFINITY,
): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.POSITIVE_INFINITY ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new ConfigError(
      `${who}: expected ${name} to be an integer ${range}, got ${describeValue(value)}. ` +
        `Pass e.g. { ${name}: ${Math.max(min, 1)} }.`,
    );
  }
  return value;
}

/** A finite number in [min, max), else a `ConfigError`. */
export function checkFraction(who: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value >= 1) {
    throw new ConfigError(
      `${who}: expected ${name} to be a fraction in [0, 1), got ${describeValue(value)}. ` +
        `Pass e.g. { ${name}: 0.1 } for 10%.`,
    );
  }
  return value;
}

/** One of `choices`, else a `ConfigError` listing them. */
export function checkChoice<T extends string>(
  who: string,
  name: string,
  value: unknown,
  choices: readonly T[],
): T {
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw new ConfigError(
      `${who}: unknown ${name} ${describeValue(value)}. Available: ${choices.map((c) => `'${c}'`).join(', ')}.`,
    );
  }
  return value as T;
}

/**
 * Every id is an integer in [0, vocabSize) (vocabSize optional). `what` names the array in
 * the message, e.g. `sequence 3` or `the token stream`.
 */
export function checkIds(
  who: string,
  what: string,
  ids: ArrayLike<number>,
  vocabSize?: number,
  hint = 'Encode text with the same Vocabulary that defines vocabSize (vocab.encode) ' +
    'instead of mixing ids from another vocabulary.',
): void {
  const limit = vocabSize ?? Number.POSITIVE_INFINITY;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (!Number.isInteger(id) || id < 0 || id >= limit) {
      const expected =
        vocabSize === undefined
          ? 'a non-negative integer id'
          : `an integer id in [0, ${vocabSize}) (the vocabulary size)`;
      throw new DataFormatError(
        `${who}: ${what} has ${describeValue(id)} at position ${i}; expected ${expected}. ${hint}`,
      );
    }
  }
}

/** A finite number used as a seed, else a `ConfigError`. */
export function checkSeed(who: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ConfigError(
      `${who}: expected seed to be a finite number, got ${describeValue(value)}. Pass e.g. { seed: 42 }.`,
    );
  }
  return value;
}
