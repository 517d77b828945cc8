/**
 * The decoding loop behind `generate`, `greedy` and `sample`, as an async iterator that
 * yields each token as soon as it is chosen (a char-LM can print characters one by one).
 * Every step feeds one token per row to the stepper, reads the logits back with
 * `await logits.data()` (so a page stays responsive on GPU backends), disposes them, and
 * picks the next token per row (argmax at temperature 0, else a seeded draw, rows in
 * order). A row that emitted `endToken` is finished: it keeps being fed `endToken` but
 * yields nothing more. The loop ends when every row is finished or after `maxLength`
 * steps. Breaking out of the loop, an error or an abort frees every tensor it made.
 *
 * @example
 * for await (const { token } of streamTokens(stepper, { start: 0, initialState, seed: 1 })) {
 *   process.stdout.write(vocabulary[token]);
 * }
 */
import { ConfigError } from '@recurrent/errors';
import { createRandom, type Random } from '@recurrent/random';
import { type CommonDecodeOptions, checkLogits, resolveCommon } from './decode-options.js';
import { releaseState } from './release-state.js';
import { resolveSampling, type SamplingOptions, sampleResolved } from './sample-from-logits.js';
import type { Stepper } from './stepper.js';

export interface GenerateOptions<S> extends CommonDecodeOptions<S>, SamplingOptions {
  /** Seed of the generator used for sampling (ignored when `rng` is given). */
  readonly seed?: number;
  /** A generator to draw from (advanced by every draw); wins over `seed`. */
  readonly rng?: Random;
}

export const generateDefaults = Object.freeze({
  seed: 0, // reproducible by default: same stepper and options, same text; pass another seed to vary it
});

/** One chosen token. */
export interface TokenEvent {
  /** 0-based position of the token in its row's output. */
  readonly step: number;
  /** The row (index into `start`). */
  readonly row: number;
  readonly token: number;
  /** True when this token is `endToken`. */
  readonly finished: boolean;
}

export async function* streamTokens<S>(
  stepper: Stepper<S>,
  options: GenerateOptions<S>,
): AsyncGenerator<TokenEvent, void, undefined> {
  const fn = 'streamTokens';
  const common = resolveCommon(fn, options);
  const sampling = resolveSampling(fn, options);
  if (!stepper || typeof stepper.step !== 'function') {
    throw new ConfigError(
      `${fn}: expected a stepper with a step(tokens, state) method, got ${String(stepper)}.`,
    );
  }
  const rng = options.rng ?? createRandom(options.seed ?? generateDefaults.seed);
  const { maxLength, endToken } = common;
  const batch = common.start.length;
  const tokens = Int32Array.from(common.start); // [batch]: the tokens fed at the next step
  const finished = new Array<boolean>(batch).fill(false);
  const initialState = options.initialState;
  let state = initialState;
  try {
    for (let step = 0; step < maxLength; step++) {
      options.signal?.throwIfAborted();
      const result = stepper.step(tokens.slice(), state);
      releaseState(stepper, state, initialState, [result.state]);
      state = result.state;
      let values: ArrayLike<number>;
      let vocab: number;
      try {
        vocab = checkLogits(fn, result.logits, batch);
        values = await result.logits.data(); // [batch * vocab]
      } finally {
        result.logits?.dispose?.();
      }
      const events: TokenEvent[] = [];
      for (let row = 0; row < batch; row++) {
        if (finished[row]) continue;
        const offset = row * vocab;
        const rowLogits = (values as Float32Array).subarray(offset, offset + vocab);
        const token = sampleResolved(rowLogits, sampling, rng);
        tokens[row] = token;
        const ended = token === endToken;
        finished[row] = ended;
        events.push({ step, row, token, finished: ended });
      }
      for (const event of events) yield event;
      if (finished.every(Boolean)) break;
    }
  } finally {
    releaseState(stepper, state, initialState, []);
  }
}
