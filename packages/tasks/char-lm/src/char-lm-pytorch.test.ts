import { selectBackend } from '@recurrent/backends';
import { Vocabulary } from '@recurrent/data';
import { collectWeights, type TensorRecord } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { charLmConfig } from './char-lm-config.js';
import { charLmPytorch } from './char-lm-pytorch.js';
import { createCharLm } from './create-char-lm.js';
import { resolveHyperParameters } from './resolve-hyper-parameters.js';

beforeAll(async () => {
  await selectBackend('cpu');
});

const vocabulary = Vocabulary.fromTokens('abc .'.split(''));
const model = (cell: 'lstm' | 'gru' | 'rnn', layers: number) =>
  createCharLm({
    vocabulary,
    hyperParameters: resolveHyperParameters('tiny', { cell, layers, units: 6, embeddingDim: 4 }),
  });

async function stateDictOf(m: ReturnType<typeof model>): Promise<Map<string, TensorRecord>> {
  const { stateDict } = charLmPytorch.toPytorch(m);
  try {
    return await collectWeights(stateDict);
  } finally {
    tf.dispose(Object.values(stateDict));
  }
}

describe('charLmPytorch', () => {
  it('names and lays out the weights as nn.Embedding, nn.LSTM and nn.Linear', async () => {
    const m = model('lstm', 2);
    const sd = await stateDictOf(m);
    m.dispose();
    const shapes = Object.fromEntries([...sd].map(([k, r]) => [k, r.shape]));
    expect(shapes).toEqual({
      'embedding.weight': [9, 4],
      'rnn.weight_ih_l0': [24, 4],
      'rnn.weight_hh_l0': [24, 6],
      'rnn.bias_ih_l0': [24],
      'rnn.bias_hh_l0': [24],
      'rnn.weight_ih_l1': [24, 6],
      'rnn.weight_hh_l1': [24, 6],
      'rnn.bias_ih_l1': [24],
      'rnn.bias_hh_l1': [24],
      'head.weight': [9, 6],
      'head.bias': [9],
    });
  });

  it.each([
    ['lstm', 2],
    ['gru', 1],
    ['rnn', 1],
  ] as const)(
    'round-trips %s x%i to the very weights, with numTensors flat',
    async (cell, layers) => {
      const m = model(cell, layers);
      const config = charLmConfig(m);
      const original = await collectWeights(m.variables);
      const sd = await stateDictOf(m);
      m.dispose();
      const before = tf.memory().numTensors;
      for (let i = 0; i < 20; i++) {
        const back = await charLmPytorch.fromPytorch(config, sd, 'test');
        for (const [name, r] of original)
          expect(Array.from(back.get(name)!.data), name).toEqual(Array.from(r.data));
      }
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  it('names a misshapen, missing or unknown tensor, leaking nothing', async () => {
    const m = model('gru', 1);
    const config = charLmConfig(m);
    const sd = await stateDictOf(m);
    m.dispose();
    const before = tf.memory().numTensors;
    const bad = new Map(sd);
    bad.set('head.bias', { dtype: 'float32', shape: [2], data: new Float32Array(2) });
    await expect(charLmPytorch.fromPytorch(config, bad, 'x.safetensors')).rejects.toThrow(
      /x\.safetensors: tensor "head\.bias" has shape \[2\], expected \[9\]/,
    );
    const renamed = new Map(sd);
    renamed.delete('embedding.weight');
    renamed.set('embed.weight', sd.get('embedding.weight')!);
    await expect(charLmPytorch.fromPytorch(config, renamed, 'x.safetensors')).rejects.toThrow(
      /missing "embedding\.weight"; unknown "embed\.weight"/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
