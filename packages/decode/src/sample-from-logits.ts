/**
 * Picks one token from a row of logits (pure; no tensors): temperature, then top-k, then
 * top-p (nucleus), then one draw from the seeded generator, in the order Hugging Face
 * applies them. `temperature: 0` is greedy (argmax, the lowest index on ties) and draws
 * nothing from `rng`. Logits may be -Infinity (a forbidden token); NaN or +Infinity throw.
 *
 * @example
 * const rng = createRandom(42);
 * sampleFromLogits(Float32Array.from([2, 1, 0.5]), { temperature: 0.8, topK: 2 }, rng); // 0 or 1
 */
import { ConfigError, DataFormatError } from '@recurrent/errors';
import type { Random } from '@recurrent/random';

export interface SamplingOptions {
  /** Divides the logits: < 1 sharpens, > 1 flattens, 0 = greedy (argmax). */
  readonly temperature?: number;
  /** Keep only the k most likely tokens; 0 = all. */
  readonly topK?: number;
  /** Keep the smallest set of most likely tokens whose probability reaches p; 1 = all. */
  readonly topP?: number;
}

export const samplingDefaults = Object.freeze({
  temperature: 1, // sample from the model's own distribution
  topK: 0, // off: no cut unless asked
  topP: 1, // off: no cut unless asked
});

export type ResolvedSampling = Required<SamplingOptions>;

/** Validates sampling options and fills in the defaults. */
export function resolveSampling(fn: string, options: SamplingOptions): ResolvedSampling {
  const temperature = options.temperature ?? samplingDefaults.temperature;
  const topK = options.topK ?? samplingDefaults.topK;
  const topP = options.topP ?? samplingDefaults.topP;
  if (typeof temperature !== 'number' || !Number.isFinite(temperature) || temperature < 0) {
    throw new ConfigError(
      `${fn}: expected temperature to be a finite number >= 0, got ${temperature}. ` +
        'Use 0 for greedy, 0.5-1 for text, 1 for the model distribution.',
    );
  }
  if (!Number.isInteger(topK) || topK < 0) {
    throw new ConfigError(`${fn}: expected topK to be an integer >= 0 (0 = off), got ${topK}.`);
  }
  if (typeof topP !== 'number' || !(topP > 0 && topP <= 1)) {
    throw new ConfigError(`${fn}: expected topP in (0, 1] (1 = off), got ${topP}. Try 0.9.`);
  }
  return { temperature, topK, topP };
}

/** Index of the largest logit, the lowest index on ties; validates the row. */
export function argmax(logits: ArrayLike<number>): number {
  checkRow('argmax', logits);
  let best = 0;
  for (let i = 1; i < logits.length; i++) {
    if ((logits[i] as number) > (logits[best] as number)) best = i;
  }
  return best;
}

function checkRow(fn: string, logits: ArrayLike<number>): void {
  if (logits.length === 0) {
    throw new DataFormatError(
      `${fn}: expected a row of logits, got an empty one. Return [batch, vocab] logits.`,
    );
  }
  let anyFinite = false;
  for (let i = 0; i < logits.length; i++) {
    const v = logits[i] as number;
    if (Number.isNaN(v) || v === Number.POSITIVE_INFINITY) {
      throw new DataFormatError(
        `${fn}: expected finite logits (or -Infinity for forbidden tokens), got ${v} at token ${i}. ` +
          'The model produced NaN: check its weights and inputs.',
      );
    }
    if (v !== Number.NEGATIVE_INFINITY) anyFinite = true;
  }
  if (!anyFinite) {
    throw new DataFormatError(`${fn}: every logit is -Infinity: no token can be chosen.`);
  }
}

/** Draws a position j < count with probability weights[j] / sum (weights need not be normalised). */
function draw(weights: Float64Array, count: number, rng: Random): number {
  let total = 0;
  for (let j = 0; j < count; j++) total += weights[j] as number;
  let u = rng.next() * total;
  for (let j = 0; j < count; j++) {
    u -= weights[j] as number;
    if (u < 0) return j;
  }
  // Rounding left u >= 0: return the last position with weight > 0.
  for (let j = count - 1; j >= 0; j--) if ((weights[j] as number) > 0) return j;
  return 0;
}

/** Samples with options already validated by `resolveSampling` (the decoders' fast path). */
export function sampleResolved(
  logits: ArrayLike<number>,
  o: ResolvedSampling,
  rng: Random,
): number {
  if (o.temperature === 0) return argmax(logits);
  checkRow('sampleFromLogits', logits);
  const vocab = logits.length;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < vocab; i++) max = Math.max(max, logits[i] as number);
  const cutK = o.topK > 0 && o.topK < vocab;
  if (!cutK && o.topP >= 1) {
    // No cut: weights exp((l - max) / T) over the whole vocabulary, in float64.
    const weights = new Float64Array(vocab);
    for (let i = 0; i < vocab; i++)
      weights[i] = Math.exp(((logits[i] as number) - max) / o.temperature);
    return draw(weights, vocab, rng);
  }
  // Sort token ids by logit, highest first (lowest id first on ties), keep the top k.
  const order = Array.from({ length: vocab }, (_, i) => i).sort(
    (a, b) => (logits[b] as number) - (logits[a] as number) || a - b,
  );
  const kept = cutK ? o.topK : vocab;
  const weights = new Float64Array(kept);
  let total = 0;
  for (let j = 0; j < kept; j++) {
    weights[j] = Math.exp(((logits[order[j] as number] as number) - max) / o.temperature);
    total += weights[j] as number;
  }
  let count = kept;
  if (o.topP < 1) {
    // Smallest prefix whose renormalised mass reaches topP (1e-12 absorbs rounding in the sum).
    let mass = 0;
    for (let j = 0; j < kept; j++) {
      mass += (weights[j] as number) / total;
      if (mass >= o.topP - 1e-12) {
        count = j + 1;
        break;
      }
    }
  }
  return order[draw(weights, count, rng)] as number;
}

/** One token from a row of logits; see the file comment. */
export function sampleFromLogits(
  logits: ArrayLike<number>,
  options: SamplingOptions,
  rng: Random,
): number {
  return sampleResolved(logits, resolveSampling('sampleFromLogits', options), rng);
}
