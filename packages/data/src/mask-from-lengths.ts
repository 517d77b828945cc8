/**
 * Masks from lengths, `[batch, maxLength]` with 1 = real step and 0 = padding. Each row has
 * exactly `min(length, maxLength)` ones, at the start (`padding: 'post'`) or the end
 * (`'pre'`). `maskFromLengths` gives plain arrays; `maskTensorFromLengths` a float32 tensor.
 */
import { ConfigError, describeValue } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import { checkChoice, checkInteger } from './check-options.js';
import type { Side } from './pad-sequences.js';

function checkLengths(who: string, lengths: ArrayLike<number>): void {
  for (let i = 0; i < lengths.length; i++) {
    const n = lengths[i]!;
    if (!Number.isInteger(n) || n < 0) {
      throw new ConfigError(
        `${who}: expected lengths to be integers >= 0, got ${describeValue(n)} at index ${i}.`,
      );
    }
  }
}

/**
 * @example
 * maskFromLengths([3, 1], 4); // [[1, 1, 1, 0], [1, 0, 0, 0]]
 */
export function maskFromLengths(
  lengths: ArrayLike<number>,
  maxLength: number,
  options: { readonly padding?: Side } = {},
): number[][] {
  const who = 'maskFromLengths';
  checkInteger(who, 'maxLength', maxLength, 1);
  const padding = checkChoice(who, 'padding', options.padding ?? 'post', ['pre', 'post']);
  checkLengths(who, lengths);
  const rows: number[][] = [];
  for (let i = 0; i < lengths.length; i++) {
    const kept = Math.min(lengths[i]!, maxLength);
    const row = new Array<number>(maxLength).fill(0);
    const offset = padding === 'pre' ? maxLength - kept : 0;
    row.fill(1, offset, offset + kept);
    rows.push(row);
  }
  return rows;
}

/**
 * The same mask computed with tensor ops (useful when lengths already live on the device).
 * Returns a new float32 tensor `[batch, maxLength]`; the caller disposes it.
 *
 * @example
 * const mask = maskTensorFromLengths(tf.tensor1d([3, 1], 'int32'), 4); // [2, 4]
 */
export function maskTensorFromLengths(
  lengths: tf.Tensor1D | ArrayLike<number>,
  maxLength: number,
  options: { readonly padding?: Side } = {},
): tf.Tensor2D {
  const who = 'maskTensorFromLengths';
  checkInteger(who, 'maxLength', maxLength, 1);
  const padding = checkChoice(who, 'padding', options.padding ?? 'post', ['pre', 'post']);
  if (lengths instanceof tf.Tensor) {
    if (lengths.rank !== 1) {
      throw new ConfigError(
        `${who}: expected lengths of shape [batch], got ${describeValue(lengths)}.`,
      );
    }
  } else {
    checkLengths(who, lengths);
  }
  return tf.tidy(() => {
    const len = lengths instanceof tf.Tensor ? lengths : tf.tensor1d(Array.from(lengths), 'int32');
    const steps = tf.reshape(tf.range(0, maxLength, 1, 'int32'), [1, maxLength]); // [1, T]
    const kept = tf.reshape(tf.minimum(tf.cast(len, 'int32'), maxLength), [-1, 1]); // [batch, 1]
    const real =
      padding === 'post'
        ? tf.less(steps, kept) // [batch, T]: t < length
        : tf.greaterEqual(steps, tf.sub(maxLength, kept)); // [batch, T]: t >= T - length
    return tf.cast(real, 'float32') as tf.Tensor2D; // [batch, T]
  });
}
