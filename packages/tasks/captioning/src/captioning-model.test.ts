/**
 * The model on wasm, for both decoders (attention, its context fetched by the previous or the
 * current h, and show-and-tell with the image as the state or as a first input): each
 * learns a small batch, the stepper (one word at a time,
 * as greedy and beam search drive it) computes the same loss as teacher forcing over whole
 * sequences, and numTensors stays flat over many training steps and many beam searches.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { selectBackend } from '@recurrent/backends';
import { beamSearch } from '@recurrent/decode';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { captionBatchAt, imagesTensor } from './caption-batches.js';
import { captionImages } from './caption-images.js';
import { createCaptioningModel } from './create-captioning-model.js';
import { prepareCaptioningData } from './prepare-captioning-data.js';
import { resolveCaptioningHyperParameters } from './resolve-captioning-hyper-parameters.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

/** `attention` fetches each context with the previous h, `attention-current` with the current one. */
type Wiring = 'attention' | 'attention-current' | 'state' | 'input';
const wirings: Wiring[] = ['attention', 'attention-current', 'state', 'input'];
const isAttention = (w: Wiring) => w.startsWith('attention');

const setup = (wiring: Wiring = 'attention', layers?: number) => {
  const hp = resolveCaptioningHyperParameters('tiny', {
    decoder: isAttention(wiring) ? 'attention' : 'show-and-tell',
    attentionQuery: wiring === 'attention-current' ? 'current' : 'previous',
    imageAs: wiring === 'input' ? 'input' : 'state',
    layers: layers ?? (wiring === 'input' ? 2 : 1),
  });
  const data = prepareCaptioningData({ scenes: 64, validationScenes: 8, heldOutScenes: 8 }, hp);
  return {
    hp,
    data,
    model: createCaptioningModel({ vocabulary: data.vocabulary, hyperParameters: hp }),
  };
};

describe('createCaptioningModel (wasm)', () => {
  it.each(wirings)('learns a fixed batch (%s)', async (wiring) => {
    const { data, model } = setup(wiring);
    const batch = captionBatchAt(data, 0, 8, 1);
    const optimizer = tf.train.adam(0.02);
    const lossAt = () =>
      tf.tidy(
        () => model.loss(batch.images, batch.inputs, batch.targets, batch.mask).dataSync()[0]!,
      );
    const first = lossAt();
    for (let i = 0; i < 80; i++) {
      optimizer.minimize(
        () => model.loss(batch.images, batch.inputs, batch.targets, batch.mask),
        false,
        model.variables.map((v) => v.variable),
      );
    }
    expect(lossAt()).toBeLessThan(first * 0.6);
    batch.dispose();
    optimizer.dispose();
    model.dispose();
  });

  it.each([
    ['input', 2],
    ['attention', 2],
    ['attention-current', 2],
  ] as const)(
    'steps word by word to the same loss as teacher forcing (%s, %i layers)',
    async (wiring, layers) => {
      const { data, model } = setup(wiring, layers);
      const batch = captionBatchAt(data, 3, 4, 1);
      const forced = tf.tidy(
        () => model.loss(batch.images, batch.inputs, batch.targets, batch.mask).dataSync()[0]!,
      );
      const inputs = await batch.inputs.array();
      const targets = await batch.targets.array();
      const mask = await batch.mask.array();
      let state = model.initialState(batch.images);
      let total = 0;
      let count = 0;
      for (let t = 0; t < inputs[0]!.length; t++) {
        const { logits, state: next } = model.stepper.step(
          Int32Array.from(inputs.map((r) => r[t]!)),
          state,
        );
        const logp = tf.tidy(() => tf.logSoftmax(logits).arraySync() as number[][]);
        for (let b = 0; b < 4; b++) {
          if (mask[b]![t] === 1) {
            total -= logp[b]![targets[b]![t]!]!;
            count++;
          }
        }
        const kept = new Set(next); // the attention decoder passes its grid on unchanged
        tf.dispose([logits, ...state.filter((t) => !kept.has(t))]);
        state = next;
      }
      tf.dispose(state);
      expect(total / count).toBeCloseTo(forced, 5);
      batch.dispose();
      model.dispose();
    },
  );

  it.each(['attention', 'attention-current', 'state'] as const)(
    'keeps numTensors flat over 500 training steps (%s)',
    async (wiring) => {
      const { data, model } = setup(wiring);
      const optimizer = tf.train.adam(0.01);
      const vars = model.variables.map((v) => v.variable);
      const step = (s: number) => {
        const batch = captionBatchAt(data, s, 8, 1);
        optimizer
          .minimize(
            () => model.loss(batch.images, batch.inputs, batch.targets, batch.mask),
            true,
            vars,
          )
          ?.dispose();
        batch.dispose();
      };
      step(0); // Adam's slots are made on the first update
      const before = tf.memory().numTensors;
      for (let s = 1; s <= 500; s++) step(s);
      expect(tf.memory().numTensors).toBe(before);
      optimizer.dispose();
      model.dispose();
    },
    120_000,
  );

  it.each(['attention', 'attention-current', 'state'] as const)(
    'keeps numTensors flat over 1,000 beam searches (width 3) and returns captions best first (%s)',
    async (wiring) => {
      const { data, model } = setup(wiring);
      const images = data.validation.slice(0, 2).map((i) => i.pixels);
      const state = tf.tidy(() => model.initialState(imagesTensor(images, 32)));
      const search = () =>
        beamSearch(model.stepper, {
          start: [data.vocabulary.bosId, data.vocabulary.bosId],
          initialState: state,
          endToken: data.vocabulary.eosId,
          maxLength: 6,
          beamWidth: 3,
          lengthPenalty: 0.7,
        });
      await search();
      const before = tf.memory().numTensors;
      for (let i = 0; i < 1000; i++) await search();
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose(state);
      const [beams] = await captionImages(model, images.slice(0, 1), {
        beamWidth: 3,
        maxLength: 6,
      });
      expect(beams).toHaveLength(3);
      expect(beams![0]!.score).toBeGreaterThanOrEqual(beams![2]!.score);
      expect(tf.memory().numTensors).toBe(before - state.length); // the state tensors above, freed
      model.dispose();
    },
    300_000,
  );

  it('refuses images of the wrong size, naming the fix', async () => {
    const { model } = setup();
    await expect(captionImages(model, [new Float32Array(10)])).rejects.toThrow(
      'captionImages: expected image 0 to hold 32 x 32 x 3 = 3072 values, got 10. Resize it with imageToModelInput().',
    );
    model.dispose();
  });
});
