/**
 * decoderSteps on wasm with a tiny model: without forced words it walks exactly the greedy
 * caption of captionImages (same words, the step log-probabilities add up to its logProb);
 * forced words are followed and the rest continues greedily from them; every step's list is
 * the real top of the softmax; numTensors stays flat over many calls; bad words are refused.
 */
import { selectBackend } from '@recurrent/backends';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { captionImages } from './caption-images.js';
import { createCaptioningModel } from './create-captioning-model.js';
import { decoderSteps } from './decoder-steps.js';
import { prepareCaptioningData } from './prepare-captioning-data.js';
import { resolveCaptioningHyperParameters } from './resolve-captioning-hyper-parameters.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const setup = () => {
  const hp = resolveCaptioningHyperParameters('tiny');
  const data = prepareCaptioningData({ scenes: 32, validationScenes: 4, heldOutScenes: 4 }, hp);
  const model = createCaptioningModel({ vocabulary: data.vocabulary, hyperParameters: hp });
  return { data, model, images: data.validation.map((i) => i.pixels) };
};

describe('decoderSteps (wasm)', () => {
  it('walks the greedy caption of captionImages, word for word', async () => {
    const { model, images } = setup();
    for (const image of images) {
      const [beams] = await captionImages(model, [image], { beamWidth: 1, maxLength: 10 });
      const greedy = beams![0]!;
      const steps = await decoderSteps(model, image, { maxLength: 10, topK: 3 });
      const words = steps.map((s) => s.word);
      expect(words).toEqual(greedy.finished ? [...greedy.words, '<eos>'] : greedy.words);
      const total = steps.reduce((sum, s) => sum + s.logProb, 0);
      expect(total).toBeCloseTo(greedy.logProb, 4);
      for (const s of steps) {
        expect(s.forced).toBe(false);
        expect(s.top).toHaveLength(3);
        expect(s.top[0]!.word).toBe(s.word);
        expect(s.top[0]!.prob).toBeGreaterThanOrEqual(s.top[1]!.prob);
        expect(s.top[1]!.prob).toBeGreaterThanOrEqual(s.top[2]!.prob);
        expect(Math.log(s.prob)).toBeCloseTo(s.logProb, 6);
      }
    }
    model.dispose();
  });

  it('follows forced words, then continues greedily from them', async () => {
    const { model, images } = setup();
    const image = images[0]!;
    const forced = ['there', 'is', 'a', 'large'];
    const steps = await decoderSteps(model, image, { words: forced, maxLength: 8, topK: 21 });
    expect(steps.slice(0, 4).map((s) => s.word)).toEqual(forced);
    for (const s of steps.slice(0, 4)) expect(s.forced).toBe(s.word !== s.top[0]!.word);
    expect(steps.some((s) => s.forced)).toBe(true); // the tiny untrained model starts no caption with all four
    // topK 21 is the whole vocabulary: the probabilities sum to 1 and hold the chosen word
    for (const s of steps) {
      expect(s.top.reduce((sum, w) => sum + w.prob, 0)).toBeCloseTo(1, 6);
      expect(s.top.map((w) => w.word)).toContain(s.word);
    }
    // after the prefix, each word is that step's top word, and the prefix moved the decoder
    for (const s of steps.slice(4)) expect(s.word).toBe(s.top[0]!.word);
    const again = await decoderSteps(model, image, { words: forced.slice(0, 2), maxLength: 8 });
    expect(again.slice(0, 2).map((s) => s.logProb)).toEqual(
      steps.slice(0, 2).map((s) => s.logProb),
    );
    expect(again[2]!.top.map((w) => w.logProb)).toEqual(
      steps[2]!.top.slice(0, 5).map((w) => w.logProb),
    );
    model.dispose();
  });

  it('keeps numTensors flat over 300 calls', async () => {
    const { model, images } = setup();
    await decoderSteps(model, images[0]!, { maxLength: 6 });
    const before = tf.memory().numTensors;
    for (let i = 0; i < 300; i++) {
      await decoderSteps(model, images[i % images.length]!, {
        words: i % 2 ? ['a'] : [],
        maxLength: 6,
      });
    }
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  }, 300_000);

  it('refuses words outside the vocabulary and images of the wrong size', async () => {
    const { model, images } = setup();
    await expect(decoderSteps(model, images[0]!, { words: ['a', 'purple'] })).rejects.toThrow(
      /^decoderSteps: word 1 "purple" is not one the decoder can write\. Available: <unk>, <eos>, /,
    );
    await expect(decoderSteps(model, images[0]!, { words: ['<eos>', 'a'] })).rejects.toThrow(
      'decoderSteps: "<eos>" ends the caption, so it can only be the last of words.',
    );
    await expect(decoderSteps(model, new Float32Array(12))).rejects.toThrow(
      'decoderSteps: expected an image of 32 x 32 x 3 = 3072 values, got 12. Resize it with imageToModelInput().',
    );
    model.dispose();
  });
});
