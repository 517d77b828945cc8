/**
 * Captions images with the decoder: greedy (beam width 1) or beam search from
 * `@recurrent/decode`, all images of a chunk as one batch. Returns the best `beams` captions
 * per image with their natural-log probabilities, best first.
 *
 * Beam scores use length normalisation, `logProb / length ** lengthPenalty` (length counts
 * the words and `<eos>`); with width 1 the penalty changes nothing.
 *
 * @example
 * const [best] = await captionImages(model, [pixels], { beamWidth: 3 });
 * best[0]; // { words: ['a', 'small', 'red', 'circle'], logProb: -0.02, score: -0.004 }
 */
import { beamSearch } from '@recurrent/decode';
import { ConfigError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import { imagesTensor } from './caption-batches.js';
import type { CaptioningModel } from './create-captioning-model.js';

export interface CaptionOptions {
  /** 1 = greedy. */
  readonly beamWidth?: number;
  /** Alpha of `logProb / length ** alpha`. */
  readonly lengthPenalty?: number;
  /** Longest caption in words, `<eos>` included. */
  readonly maxLength?: number;
  /** Images per decoding batch. */
  readonly chunk?: number;
}

export const captionDefaults = Object.freeze({
  beamWidth: 3, // most of beam search's gain over greedy at a few times its cost
  lengthPenalty: 0.7, // GNMT's alpha: plain log-probability would favour short captions
  maxLength: 24, // the longest grammar caption has 18 words + <eos>; room for a model that rambles
  chunk: 200, // images decoded together: one big batch per step, bounded memory
});

export interface Caption {
  readonly words: string[];
  /** Natural-log probability of the words and `<eos>`. */
  readonly logProb: number;
  /** What beams are ranked by: `logProb / length ** lengthPenalty`. */
  readonly score: number;
  /** False when it hit maxLength before `<eos>`. */
  readonly finished: boolean;
}

export async function captionImages(
  model: CaptioningModel,
  images: readonly Float32Array[],
  options: CaptionOptions = {},
): Promise<Caption[][]> {
  const o = { ...captionDefaults, ...options };
  const size = model.hyperParameters.imageSize;
  for (const [i, p] of images.entries()) {
    if (p.length !== size * size * 3) {
      throw new ConfigError(
        `captionImages: expected image ${i} to hold ${size} x ${size} x 3 = ${size * size * 3} values, got ${p.length}. Resize it with imageToModelInput().`,
      );
    }
  }
  await model.encoder.ready?.(); // a pretrained encoder rebuilt from a checkpoint loads here
  const vocab = model.vocabulary;
  const out: Caption[][] = [];
  for (let start = 0; start < images.length; start += o.chunk) {
    const part = images.slice(start, start + o.chunk);
    const state = tf.tidy(() => {
      const x = imagesTensor(part, size); // [n, size, size, 3]
      return model.initialState(x); // [n, units] each
    });
    try {
      const beams = await beamSearch(model.stepper, {
        start: new Int32Array(part.length).fill(vocab.bosId),
        initialState: state,
        endToken: vocab.eosId,
        maxLength: o.maxLength,
        beamWidth: o.beamWidth,
        lengthPenalty: o.lengthPenalty,
      });
      for (const row of beams) {
        out.push(
          row.map((b) => ({
            words: vocab.decode(b.finished ? b.tokens.slice(0, -1) : b.tokens),
            logProb: b.logProb,
            score: b.score,
            finished: b.finished,
          })),
        );
      }
    } finally {
      tf.dispose(state);
    }
  }
  return out;
}
