/**
 * The init and optimiser hyper-parameters of the defaults study (issue #19): each reaches
 * the model it builds (embedding table, kernels, forget bias, the second bias, Adam's
 * epsilon), PyTorch's choices are the defaults and Keras' stay one option each, bad values are
 * refused with what was expected, training with the defaults leaves numTensors flat, and a checkpoint saved before these options existed
 * loads as the model it saved.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { selectBackend } from '@recurrent/backends';
import { collectWeights } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { charLmConfig, charLmFromCheckpoint } from './char-lm-config.js';
import {
  type CharLmHyperParameters,
  createCharLm,
  prepareCharLmData,
  resolveHyperParameters,
  trainCharLm,
} from './index.js';

const TEXT = 'the cat sat on the mat. the dog sat on the log. '.repeat(40);
/** Keras' choices, the defaults before the study of 2026-12-01. */
const kerasChoices: Partial<CharLmHyperParameters> = {
  embeddingInit: 'uniform',
  kernelInit: 'keras',
  forgetBias: 1,
  secondBias: false,
  adamEpsilon: 1e-7,
};
/** PyTorch's choices, the defaults since that study. */
const pytorchChoices: Partial<CharLmHyperParameters> = {
  embeddingInit: 'normal',
  kernelInit: 'pytorch',
  forgetBias: 0,
  secondBias: true,
  adamEpsilon: 1e-8,
};

beforeAll(() => selectBackend('wasm'));

const maxAbs = (t: tf.Tensor) => Math.max(...Array.from(t.dataSync(), Math.abs));
const weight = (model: ReturnType<typeof createCharLm>, name: string) =>
  model.variables.find((v) => v.name === name)!.variable;

describe('char-lm init options', () => {
  it("build Keras' model when asked, PyTorch's by default", async () => {
    const data = await prepareCharLmData(TEXT, { validationFraction: 0.1 });
    expect(resolveHyperParameters('tiny')).toMatchObject(pytorchChoices);
    expect(resolveHyperParameters('default')).toMatchObject(pytorchChoices);
    const keras = createCharLm({
      vocabulary: data.vocabulary,
      hyperParameters: resolveHyperParameters('tiny', kerasChoices),
    });
    expect(maxAbs(weight(keras, 'embedding_0/embeddings'))).toBeLessThanOrEqual(0.05);
    expect(keras.variables.map((v) => v.name)).not.toContain('lstm_0/recurrent_bias');
    expect(Array.from(weight(keras, 'lstm_0/bias').dataSync()).filter((b) => b === 1)).toHaveLength(
      64,
    );
    const hp = resolveHyperParameters('tiny');
    const torch = createCharLm({ vocabulary: data.vocabulary, hyperParameters: hp });
    expect(maxAbs(weight(torch, 'embedding_0/embeddings'))).toBeGreaterThan(1.5); // N(0, 1)
    const limit = 1 / Math.sqrt(hp.units);
    for (const name of ['kernel', 'recurrent_kernel', 'bias', 'recurrent_bias']) {
      const v = weight(torch, `lstm_0/${name}`);
      expect(maxAbs(v)).toBeLessThanOrEqual(limit); // forget bias 0: the f block is uniform too
      expect(maxAbs(v)).toBeGreaterThan(0.8 * limit);
    }
    keras.dispose();
    torch.dispose();
  });

  it('refuse values out of range, with the choices and the fix', () => {
    expect(() => resolveHyperParameters('default', { embeddingInit: 'gauss' as never })).toThrow(
      'char-lm: expected embeddingInit to be one of uniform, normal',
    );
    expect(() => resolveHyperParameters('default', { kernelInit: 'xavier' as never })).toThrow(
      'char-lm: expected kernelInit to be one of keras, pytorch',
    );
    expect(() => resolveHyperParameters('default', { forgetBias: 2 })).toThrow(
      'char-lm: expected forgetBias to be an integer in [0, 1], got the number 2.',
    );
    expect(() => resolveHyperParameters('default', { adamEpsilon: 0 })).toThrow(
      'char-lm: expected adamEpsilon to be a number in (0, 1], got the number 0.',
    );
    expect(() => resolveHyperParameters('default', { cell: 'gru', secondBias: true })).toThrow(
      'char-lm: secondBias is an LSTM option, got cell "gru" with secondBias true. A GRU already trains an input and a recurrent bias; drop --second-bias.',
    );
  });

  it('drop the default second bias for a GRU and the simple RNN, keep the other choices', () => {
    for (const cell of ['gru', 'rnn'] as const) {
      const hp = resolveHyperParameters('default', { cell });
      expect(hp.secondBias, cell).toBe(false);
      expect(hp).toMatchObject({
        embeddingInit: 'normal',
        kernelInit: 'pytorch',
        adamEpsilon: 1e-8,
      });
    }
  });

  it("train with PyTorch's choices (the defaults): the loss falls, numTensors flat over 40 steps", async () => {
    const data = await prepareCharLmData(TEXT, { validationFraction: 0.1 });
    const hp = resolveHyperParameters('tiny', { timeSteps: 8, batchSize: 4 });
    const model = createCharLm({ vocabulary: data.vocabulary, hyperParameters: hp });
    await trainCharLm(model, data, { steps: 3 });
    const tensors = tf.memory().numTensors;
    const result = await trainCharLm(model, data, { steps: 40, evalEvery: 20 });
    expect(tf.memory().numTensors).toBe(tensors);
    expect(result.losses.at(-1)!).toBeLessThan(result.losses[0]!);
    model.dispose();
  });

  it('load a checkpoint written before these options existed as the model it saved', async () => {
    const data = await prepareCharLmData(TEXT, { validationFraction: 0.1 });
    const old = createCharLm({
      vocabulary: data.vocabulary,
      hyperParameters: resolveHyperParameters('tiny', kerasChoices),
    });
    const config = charLmConfig(old);
    const saved = { ...(config.hyperParameters as Record<string, unknown>) };
    for (const key of Object.keys(kerasChoices)) delete saved[key]; // an older config.json
    const loaded = charLmFromCheckpoint({
      location: 'old-run/best',
      formatVersion: 2,
      config: { ...config, hyperParameters: saved as never },
      weights: await collectWeights(old.variables),
      optimizer: null,
      state: null,
      modelState: null,
      verified: true,
      unverifiedReason: null,
    } as never);
    expect(loaded.hyperParameters).toMatchObject({
      secondBias: false,
      forgetBias: 1,
      kernelInit: 'keras',
    });
    expect(loaded.variables.map((v) => v.name)).toEqual(old.variables.map((v) => v.name));
    old.dispose();
    loaded.dispose();
  });
});
