/**
 * A held-out split for language modelling: the head of a token stream trains, its tail
 * validates (and, optionally, the very end tests). Contiguous, so no validation window
 * ever overlaps a training one. Typed arrays come back as views (no copy).
 */
import { ConfigError } from '@recurrent/errors';
import { splitSizes } from './split-dataset.js';

export interface SplitTailOptions {
  readonly validationFraction?: number;
  readonly testFraction?: number;
}

export const splitTailDefaults = Object.freeze({
  validationFraction: 0.1, // nanoGPT/char-rnn style: the last 10% of the text validates
  testFraction: 0, // most char-LM setups report validation only
});

type Stream = Int32Array | Uint16Array | Uint32Array | readonly number[];

/**
 * @example
 * const { train, validation } = splitTail(ids, { validationFraction: 0.1 });
 * // train = ids[0 .. 90%), validation = ids[90% ..]: never seen by training
 */
export function splitTail<S extends Stream>(
  ids: S,
  options: SplitTailOptions = {},
): { train: S; validation: S; test: S } {
  const who = 'splitTail';
  const o = { ...splitTailDefaults, ...options };
  if (!(Array.isArray(ids) || ArrayBuffer.isView(ids))) {
    throw new ConfigError(`${who}: expected an array or typed array of ids, got ${typeof ids}.`);
  }
  const sizes = splitSizes(who, ids.length, o.validationFraction, o.testFraction);
  const cut = (from: number, to: number): S =>
    (ArrayBuffer.isView(ids)
      ? (ids as Int32Array).subarray(from, to)
      : (ids as readonly number[]).slice(from, to)) as S;
  const a = sizes.train;
  const b = sizes.train + sizes.validation;
  return { train: cut(0, a), validation: cut(a, b), test: cut(b, ids.length) };
}
