/**
 * The attention decoder: its weights over the 4 x 4 grid sum to 1 at every step, they
 * depend on the image, its gradient on wasm (no Conv2DBackpropFilter there: conv2dSame's)
 * equals cpu's, an encoder without a grid is read as one cell, and its state is refused
 * by the PyTorch mapping by name.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { selectBackend } from '@recurrent/backends';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captionBatchAt, imagesTensor } from './caption-batches.js';
import { captionImages } from './caption-images.js';
import { createCaptioningModel } from './create-captioning-model.js';
import type { ImageEncoder } from './image-encoder.js';
import { prepareCaptioningData } from './prepare-captioning-data.js';
import { resolveCaptioningHyperParameters } from './resolve-captioning-hyper-parameters.js';

beforeAll(async () => {
  await selectBackend('wasm');
});
afterAll(async () => {
  await selectBackend('wasm');
});

const hp = resolveCaptioningHyperParameters('tiny', { decoder: 'attention' });
const data = prepareCaptioningData({ scenes: 32, validationScenes: 4, heldOutScenes: 4 }, hp);

describe('the attention decoder', () => {
  it('attends over the 16 grid cells with weights that sum to 1 at every step and differ between images', async () => {
    const model = createCaptioningModel({ vocabulary: data.vocabulary, hyperParameters: hp });
    expect(model.gridCells).toBe(16);
    const images = data.validation.slice(0, 3).map((i) => i.pixels);
    let state = tf.tidy(() => model.initialState(imagesTensor(images, 32)));
    const tokens = [data.vocabulary.bosId, ...data.vocabulary.encode(['a', 'small'])];
    const first: number[][] = [];
    for (const token of tokens) {
      const alpha = model.attention!(state);
      expect(alpha.shape).toEqual([3, 16]);
      const rows = (await alpha.array()) as number[][];
      if (first.length === 0) first.push(...rows);
      for (const row of rows) {
        expect(row.reduce((s, a) => s + a, 0)).toBeCloseTo(1, 5);
        for (const a of row) expect(a).toBeGreaterThan(0);
      }
      alpha.dispose();
      const next = model.stepper.step(Int32Array.from([token, token, token]), state);
      const kept = new Set(next.state);
      tf.dispose([next.logits, ...state.filter((t) => !kept.has(t))]);
      state = next.state;
    }
    tf.dispose(state);
    // different scenes, different keys: the first attention is not the same for every image
    const spread = Math.max(...first[0]!.map((a, i) => Math.abs(a - first[1]![i]!)));
    expect(spread).toBeGreaterThan(1e-4);
    model.dispose();
  });

  it('has the same loss and gradients on wasm as on cpu', async () => {
    const gradsOn = async (backend: 'wasm' | 'cpu') => {
      await selectBackend(backend);
      const model = createCaptioningModel({ vocabulary: data.vocabulary, hyperParameters: hp });
      const batch = captionBatchAt(data, 5, 6, 3);
      const { value, grads } = tf.variableGrads(
        () => model.loss(batch.images, batch.inputs, batch.targets, batch.mask),
        model.variables.map((v) => v.variable),
      );
      const loss = (await value.data())[0]!;
      const byName: Record<string, Float32Array> = {};
      for (const v of model.variables) {
        byName[v.name] = (await grads[v.variable.name]!.data()) as Float32Array;
      }
      tf.dispose([value, ...Object.values(grads)]);
      batch.dispose();
      model.dispose();
      return { loss, byName };
    };
    const wasm = await gradsOn('wasm');
    const cpu = await gradsOn('cpu');
    expect(wasm.loss).toBeCloseTo(cpu.loss, 5);
    const names = Object.keys(cpu.byName);
    expect(names).toContain('cnn/conv_0/kernel');
    expect(names).toContain('attention/score');
    for (const name of names) {
      const a = wasm.byName[name]!;
      const b = cpu.byName[name]!;
      const scale = Math.max(1e-3, ...Array.from(b, Math.abs));
      const worst = Math.max(...Array.from(a, (x, i) => Math.abs(x - b[i]!)));
      expect(worst / scale, name).toBeLessThan(1e-3);
    }
    const conv = cpu.byName['cnn/conv_0/kernel']!;
    expect(Math.max(...Array.from(conv, Math.abs))).toBeGreaterThan(0); // the CNN does learn through the attention
    await selectBackend('wasm');
  }, 300_000);

  it('reads an encoder without a grid as one cell', async () => {
    const frozen: ImageEncoder = {
      kind: 'test-vector',
      inputSize: 32,
      outputSize: 5,
      weights: [],
      encode: (images) =>
        tf.tidy(
          () =>
            tf.pad(tf.mean(tf.reshape(images, [images.shape[0], -1, 3]), 1), [
              [0, 0],
              [0, 2],
            ]) as tf.Tensor2D, // [batch, 5]: mean colour and two zeros
        ),
    };
    const model = createCaptioningModel({
      vocabulary: data.vocabulary,
      hyperParameters: hp,
      encoder: frozen,
    });
    expect(model.gridCells).toBe(1);
    const before = tf.memory().numTensors;
    const [beams] = await captionImages(model, [data.validation[0]!.pixels], {
      beamWidth: 2,
      maxLength: 5,
    });
    expect(beams).toHaveLength(2);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('refuses imageAs input, naming the decoder it belongs to', () => {
    const bad = resolveCaptioningHyperParameters('tiny', {
      decoder: 'attention',
      imageAs: 'input',
    });
    expect(() =>
      createCaptioningModel({ vocabulary: data.vocabulary, hyperParameters: bad }),
    ).toThrow(
      'createCaptioningModel: the attention decoder reads the image at every word, so imageAs applies to the show-and-tell decoder only; got imageAs "input" with decoder "attention".',
    );
  });

  it.each(['attention', 'show-and-tell'] as const)(
    'starts from the init choices asked for (%s): embedding N(0, 1), PyTorch-uniform LSTM, forget bias 0',
    async (decoder) => {
      const weightsOf = async (
        overrides: Parameters<typeof resolveCaptioningHyperParameters>[1],
      ) => {
        const hyperParameters = resolveCaptioningHyperParameters('tiny', { decoder, ...overrides });
        const model = createCaptioningModel({ vocabulary: data.vocabulary, hyperParameters });
        const get = async (name: string) =>
          (await model.variables.find((v) => v.name === name)!.variable.data()) as Float32Array;
        const out = {
          embedding: await get('embedding_0/embeddings'),
          kernel: await get('lstm_0/kernel'),
          bias: await get('lstm_0/bias'),
        };
        model.dispose();
        return out;
      };
      const units = hp.units;
      const std = (a: Float32Array) => Math.sqrt(a.reduce((s, x) => s + x * x, 0) / a.length);
      const maxAbs = (a: Float32Array) => a.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
      const keras = await weightsOf({
        embeddingInit: 'uniform',
        kernelInit: 'keras',
        forgetBias: 1,
      });
      expect(maxAbs(keras.embedding)).toBeLessThanOrEqual(0.05); // Keras' uniform +-0.05
      expect([...keras.bias.slice(units, 2 * units)]).toEqual(new Array(units).fill(1)); // forget block
      const torch = await weightsOf({
        embeddingInit: 'normal',
        kernelInit: 'pytorch',
        forgetBias: 0,
      });
      expect(std(torch.embedding)).toBeGreaterThan(0.7); // N(0, 1)
      expect(maxAbs(torch.kernel)).toBeLessThanOrEqual(1 / Math.sqrt(units) + 1e-6); // uniform +-1/sqrt(units)
      expect(maxAbs(torch.bias)).toBeLessThanOrEqual(1 / Math.sqrt(units) + 1e-6); // no forget block of 1s
      expect(maxAbs(torch.bias)).toBeGreaterThan(0); // PyTorch draws its biases too
    },
  );
});
