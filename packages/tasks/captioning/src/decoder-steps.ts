/**
 * The decoder one word at a time, for looking inside it: from one image's initial state it
 * reads `<bos>`, then at every step records the `topK` most likely next words with their
 * probabilities and picks one: the caller's `words` first (forced, in order), then the most
 * likely word (greedy) until `<eos>` or `maxLength`. With no `words` it walks the greedy
 * caption of `captionImages(model, [image], { beamWidth: 1 })`, word for word; with `words`
 * it answers "what would the model say after this prefix?".
 *
 * Drives only the model's public `initialState` and `stepper` (what greedy and beam search
 * use), so another decoder behind the same interface needs no change here.
 *
 * @example
 * const steps = await decoderSteps(model, pixels, { topK: 3 });
 * steps[0]; // { word: 'a', prob: 0.97, logProb: -0.03, forced: false,
 * //   top: [{ word: 'a', prob: 0.97, logProb: -0.03 }, { word: 'there', ... }, ...] }
 */
import { ConfigError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import { imagesTensor } from './caption-batches.js';
import type { CaptioningModel } from './create-captioning-model.js';

export interface DecoderStepsOptions {
  /** Words to force, in order, before the decoder continues greedily (none: pure greedy). */
  readonly words?: readonly string[];
  /** Next words listed at every step, most likely first. */
  readonly topK?: number;
  /** Most steps, `<eos>` included. */
  readonly maxLength?: number;
}

export const decoderStepsDefaults = Object.freeze({
  words: Object.freeze([]) as readonly string[], // pure greedy
  topK: 5, // enough to see the runner-up words without a long list per step
  maxLength: 24, // captionImages' default: the longest grammar caption has 18 words + <eos>
});

export interface NextWord {
  readonly word: string;
  /** Probability of this word after the words before it (softmax of the step's logits). */
  readonly prob: number;
  /** Its natural logarithm. */
  readonly logProb: number;
}

export interface DecoderStep extends NextWord {
  /** True when the word came from `words` and is not the model's top choice there. */
  readonly forced: boolean;
  /** The `topK` most likely next words at this step, most likely first (ties: lower id). */
  readonly top: readonly NextWord[];
}

/** Every tensor inside a state (arrays and plain objects walked), so any state shape frees. */
function tensorsOf(value: unknown, into: Set<tf.Tensor> = new Set()): Set<tf.Tensor> {
  if (value instanceof tf.Tensor) into.add(value);
  else if (Array.isArray(value)) for (const v of value) tensorsOf(v, into);
  else if (value && typeof value === 'object')
    for (const v of Object.values(value)) tensorsOf(v, into);
  return into;
}

/** Log-softmax of one row in float64. */
function logSoftmax(logits: ArrayLike<number>): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]!);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp(logits[i]! - max);
  const logZ = max + Math.log(sum);
  return Float64Array.from(logits, (v) => v - logZ);
}

export async function decoderSteps(
  model: CaptioningModel,
  image: Float32Array,
  options: DecoderStepsOptions = {},
): Promise<DecoderStep[]> {
  const o = { ...decoderStepsDefaults, ...options };
  const vocab = model.vocabulary;
  const size = model.hyperParameters.imageSize;
  if (image.length !== size * size * 3) {
    throw new ConfigError(
      `decoderSteps: expected an image of ${size} x ${size} x 3 = ${size * size * 3} values, got ${image.length}. Resize it with imageToModelInput().`,
    );
  }
  if (!Number.isInteger(o.topK) || o.topK < 1) {
    throw new ConfigError(`decoderSteps: expected topK to be an integer >= 1, got ${o.topK}.`);
  }
  if (!Number.isInteger(o.maxLength) || o.maxLength < 1) {
    throw new ConfigError(
      `decoderSteps: expected maxLength to be an integer >= 1, got ${o.maxLength}.`,
    );
  }
  const forcedIds = o.words.map((word, i) => {
    if (!vocab.has(word) || word === '<pad>' || word === '<bos>') {
      throw new ConfigError(
        `decoderSteps: word ${i} ${JSON.stringify(word)} is not one the decoder can write. Available: ${vocab.tokens.filter((t) => t !== '<pad>' && t !== '<bos>').join(', ')}.`,
      );
    }
    return vocab.idOf(word);
  });
  if (forcedIds.slice(0, -1).includes(vocab.eosId)) {
    throw new ConfigError(
      'decoderSteps: "<eos>" ends the caption, so it can only be the last of words.',
    );
  }
  const stepper = model.stepper;
  let state = tf.tidy(() => model.initialState(imagesTensor([image], size))); // [1, units] each
  const steps: DecoderStep[] = [];
  let token = vocab.bosId;
  try {
    for (let t = 0; t < o.maxLength; t++) {
      const next = stepper.step(Int32Array.of(token), state);
      const keep = tensorsOf(next.state);
      for (const old of tensorsOf(state)) if (!keep.has(old)) old.dispose();
      state = next.state;
      const row = await next.logits.data(); // [1, vocab] flat
      next.logits.dispose();
      const logp = logSoftmax(row);
      const order = Array.from(logp.keys()).sort((a, b) => logp[b]! - logp[a]! || a - b);
      const word = (id: number): NextWord => ({
        word: vocab.tokenOf(id),
        prob: Math.exp(logp[id]!),
        logProb: logp[id]!,
      });
      const forced = t < forcedIds.length;
      token = forced ? forcedIds[t]! : order[0]!;
      steps.push({
        ...word(token),
        forced: forced && token !== order[0],
        top: order.slice(0, o.topK).map(word),
      });
      if (token === vocab.eosId) break;
    }
  } finally {
    tf.dispose([...tensorsOf(state)]);
  }
  return steps;
}
