/**
 * One-shot decoding: runs `streamTokens` to the end and returns every row's tokens.
 * `generate` samples (temperature 0 = greedy); `greedy` always takes the argmax; `sample`
 * is `generate` with the randomness made explicit (a `seed` or an `rng` is required).
 * An `onToken` callback sees each token as it is chosen.
 *
 * @example
 * const { tokens } = await generate(stepper, { start: bos, initialState, endToken: eos,
 *   maxLength: 40, temperature: 0.8, topP: 0.9, seed: 7 });
 * tokens[0]; // e.g. [12, 5, 33, ..., eos]
 */
import type { Random } from '@recurrent/random';
import type { Stepper } from './stepper.js';
import { type GenerateOptions, streamTokens, type TokenEvent } from './stream-tokens.js';

export interface GenerateResult {
  /** The generated tokens of each row (start token excluded, end token included). */
  readonly tokens: number[][];
  /** Whether each row emitted `endToken` (false: it stopped at `maxLength`). */
  readonly finished: boolean[];
}

export interface OneShotOptions<S> extends GenerateOptions<S> {
  /** Called with each token as soon as it is chosen. */
  readonly onToken?: (event: TokenEvent) => void;
}

export async function generate<S>(
  stepper: Stepper<S>,
  options: OneShotOptions<S>,
): Promise<GenerateResult> {
  const batch = typeof options?.start === 'number' ? 1 : (options?.start?.length ?? 0);
  const tokens: number[][] = Array.from({ length: batch }, () => []);
  const finished = new Array<boolean>(batch).fill(false);
  for await (const event of streamTokens(stepper, options)) {
    (tokens[event.row] as number[]).push(event.token);
    finished[event.row] = event.finished;
    options.onToken?.(event);
  }
  return { tokens, finished };
}

/** Greedy decoding: the most likely token at every step (no randomness). */
export function greedy<S>(
  stepper: Stepper<S>,
  options: Omit<OneShotOptions<S>, 'temperature' | 'topK' | 'topP' | 'seed' | 'rng'>,
): Promise<GenerateResult> {
  return generate(stepper, { ...options, temperature: 0 });
}

/** Seeded sampling with temperature, top-k and top-p: same seed, same tokens. */
export function sample<S>(
  stepper: Stepper<S>,
  options: OneShotOptions<S> & ({ readonly seed: number } | { readonly rng: Random }),
): Promise<GenerateResult> {
  return generate(stepper, options);
}
