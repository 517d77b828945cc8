/**
 * Options shared by every decoder, their defaults and their checks (internal).
 */
import { ConfigError, ShapeError } from '@recurrent/errors';
import type { Tensor } from '@tensorflow/tfjs-core';

export interface CommonDecodeOptions<S> {
  /** The token each row starts from (e.g. a start-of-sequence id): one number, or one per row. */
  readonly start: number | ArrayLike<number>;
  /** The state for those rows (batch = number of start tokens). The caller keeps ownership. */
  readonly initialState: S;
  /** At most this many tokens are generated per row (the end token included). */
  readonly maxLength?: number;
  /** A row stops once it emits this token (it is included in the output). */
  readonly endToken?: number;
  /** Stops decoding with the signal's reason (an `AbortError`); all tensors are freed. */
  readonly signal?: AbortSignal;
}

export const commonDecodeDefaults = Object.freeze({
  maxLength: 100, // a safe cap: a few lines of text, or any caption; raise it for long samples
});

export interface ResolvedCommon {
  readonly start: Int32Array;
  readonly maxLength: number;
  readonly endToken: number | undefined;
}

export function resolveCommon<S>(fn: string, options: CommonDecodeOptions<S>): ResolvedCommon {
  if (options === null || typeof options !== 'object') {
    throw new ConfigError(
      `${fn}: expected an options object { start, initialState, ... }, got ${options}.`,
    );
  }
  const raw = typeof options.start === 'number' ? [options.start] : options.start;
  if (raw === undefined || raw === null || typeof raw.length !== 'number' || raw.length === 0) {
    throw new ConfigError(
      `${fn}: expected start to be a token id or one token id per row, got ${String(options.start)}. ` +
        'Pass e.g. { start: bosId } or { start: [bosId, bosId] }.',
    );
  }
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i] as number;
    if (!Number.isInteger(t) || t < 0) {
      throw new ConfigError(
        `${fn}: expected start tokens to be integers >= 0, got ${t} at row ${i}.`,
      );
    }
  }
  const maxLength = options.maxLength ?? commonDecodeDefaults.maxLength;
  if (!Number.isInteger(maxLength) || maxLength < 1) {
    throw new ConfigError(`${fn}: expected maxLength to be an integer >= 1, got ${maxLength}.`);
  }
  const endToken = options.endToken;
  if (endToken !== undefined && (!Number.isInteger(endToken) || endToken < 0)) {
    throw new ConfigError(
      `${fn}: expected endToken to be an integer >= 0 or left out, got ${endToken}.`,
    );
  }
  return { start: Int32Array.from(raw), maxLength, endToken };
}

/** Throws unless `logits` is `[batch, vocab]` with vocab > 0. */
export function checkLogits(fn: string, logits: Tensor, batch: number): number {
  const shape = (logits as { shape?: unknown } | null)?.shape;
  const ok =
    Array.isArray(shape) && shape.length === 2 && shape[0] === batch && (shape[1] as number) > 0;
  if (!ok) {
    throw new ShapeError(
      `${fn}: expected stepper.step to return logits of shape [${batch}, vocab] (one row per input token), ` +
        `got ${Array.isArray(shape) ? `[${shape.join(', ')}]` : String(logits)}. ` +
        'Check that the state has one row per token.',
    );
  }
  return shape[1] as number;
}
