import { selectBackend } from '@recurrent/backends';
import { Vocabulary } from '@recurrent/data';
import { collectWeights } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { captioningConfig } from './captioning-config.js';
import type { ImageAs } from './captioning-defaults.js';
import { captioningPytorch } from './captioning-pytorch.js';
import { createCaptioningModel } from './create-captioning-model.js';
import { resolveCaptioningHyperParameters } from './resolve-captioning-hyper-parameters.js';
import type { CnnPooling } from './scratch-cnn-encoder.js';

beforeAll(async () => {
  await selectBackend('cpu');
});

const vocabulary = Vocabulary.fromTokens('a red blue circle square left of'.split(' '));
const model = (imageAs: ImageAs, layers: number, cnnPooling: CnnPooling = 'grid') =>
  createCaptioningModel({
    vocabulary,
    hyperParameters: resolveCaptioningHyperParameters('tiny', {
      imageSize: 16,
      cnnBlocks: 2,
      cnnChannels: 3,
      cnnPooling,
      encoderDim: 5,
      embeddingDim: 4,
      units: 6,
      layers,
      decoder: 'show-and-tell',
      imageAs,
      seed: 9,
    }),
  });

describe('captioningPytorch', () => {
  it('names the CNN as nn.Conv2d [out, in, kh, kw] and splits the bridge into init_h, init_c', () => {
    const m = model('state', 2);
    const { stateDict, config } = captioningPytorch.toPytorch(m);
    const shapes = Object.fromEntries(Object.entries(stateDict).map(([k, t]) => [k, t.shape]));
    // the kernel [3, 3, in, out] read as [out, in, kh, kw]: one tap compared by hand
    const kernel = m.variables.find((v) => v.name === 'cnn/conv_1/kernel')!.variable;
    const ours = kernel.arraySync() as number[][][][];
    const theirs = stateDict['encoder.conv2.weight']!.arraySync() as number[][][][];
    expect(theirs[5]![2]![0]![1]).toBe(ours[0]![1]![2]![5]);
    // the bridge's columns are h0, c0, h1, c1: init_c's second layer is the last 6 columns
    const bridge = m.variables.find((v) => v.name === 'bridge/kernel')!.variable;
    const lastColumn = tf.tidy(() =>
      tf.reshape(tf.slice(bridge, [0, 23], [5, 1]), [5]).arraySync(),
    );
    expect((stateDict['init_c.weight']!.arraySync() as number[][])[11]).toEqual(lastColumn);
    tf.dispose(Object.values(stateDict));
    m.dispose();
    expect(config).toMatchObject({ model: 'CaptioningModel', imageAs: 'state', layers: 2 });
    expect(shapes).toEqual({
      'encoder.conv1.weight': [3, 3, 3, 3],
      'encoder.conv1.bias': [3],
      'encoder.conv2.weight': [6, 3, 3, 3],
      'encoder.conv2.bias': [6],
      'encoder.proj.weight': [5, 24],
      'encoder.proj.bias': [5],
      'init_h.weight': [12, 5],
      'init_h.bias': [12],
      'init_c.weight': [12, 5],
      'init_c.bias': [12],
      'embedding.weight': [vocabulary.size, 4],
      'rnn.weight_ih_l0': [24, 4],
      'rnn.weight_hh_l0': [24, 6],
      'rnn.bias_ih_l0': [24],
      'rnn.bias_hh_l0': [24],
      'rnn.weight_ih_l1': [24, 6],
      'rnn.weight_hh_l1': [24, 6],
      'rnn.bias_ih_l1': [24],
      'rnn.bias_hh_l1': [24],
      'head.weight': [vocabulary.size, 6],
      'head.bias': [vocabulary.size],
    });
  });

  it.each([
    ['state', 2, 'grid'],
    ['state', 1, 'global'],
    ['input', 1, 'grid'],
  ] as const)(
    'round-trips imageAs %s x%i %s pooling to the very weights, numTensors flat',
    async (imageAs, layers, pooling) => {
      const m = model(imageAs, layers, pooling);
      const config = captioningConfig(m);
      const original = await collectWeights(m.variables);
      const { stateDict } = captioningPytorch.toPytorch(m);
      const sd = await collectWeights(stateDict);
      tf.dispose(Object.values(stateDict));
      m.dispose();
      const before = tf.memory().numTensors;
      for (let i = 0; i < 20; i++) {
        const back = await captioningPytorch.fromPytorch(config, sd, 'test');
        expect([...back.keys()]).toEqual([...original.keys()]);
        for (const [name, r] of original) {
          expect(Array.from(back.get(name)!.data), name).toEqual(Array.from(r.data));
        }
      }
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  it('refuses the attention decoder by name', () => {
    const m = createCaptioningModel({
      vocabulary,
      hyperParameters: resolveCaptioningHyperParameters('tiny', { decoder: 'attention' }),
    });
    expect(() => captioningPytorch.toPytorch(m)).toThrow(
      'captioning: the attention decoder has no PyTorch mapping yet (recurrent_torch.CaptioningModel is the show-and-tell decoder), got decoder "attention". Train with --decoder show-and-tell to export to PyTorch.',
    );
    m.dispose();
  });

  it('refuses a state dict with a misshapen tensor, naming it', async () => {
    const m = model('input', 1);
    const config = captioningConfig(m);
    const { stateDict } = captioningPytorch.toPytorch(m);
    const sd = await collectWeights(stateDict);
    tf.dispose(Object.values(stateDict));
    m.dispose();
    const bad = new Map(sd);
    bad.set('encoder.conv1.weight', {
      dtype: 'float32',
      shape: [3, 3, 3, 3 + 1],
      data: new Float32Array(108),
    });
    await expect(captioningPytorch.fromPytorch(config, bad, 'x.safetensors')).rejects.toThrow(
      /"encoder\.conv1\.weight" has shape \[3, 3, 3, 4\], expected \[3, 3, 3, 3\]/,
    );
  });
});
