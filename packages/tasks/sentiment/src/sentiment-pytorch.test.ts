import { selectBackend } from '@recurrent/backends';
import { Vocabulary, wordTokenizer } from '@recurrent/data';
import { collectWeights } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSentimentModel } from './create-sentiment-model.js';
import { resolveSentimentHyperParameters } from './resolve-sentiment-hyper-parameters.js';
import { sentimentConfig } from './sentiment-config.js';
import { sentimentPytorch } from './sentiment-pytorch.js';

beforeAll(async () => {
  await selectBackend('cpu');
});

const model = (cell: 'lstm' | 'gru' | 'rnn', layers: number, bidirectional: boolean) =>
  createSentimentModel({
    vocabulary: Vocabulary.fromTokens(['not', 'bad', 'good']),
    tokenizer: wordTokenizer(),
    labels: ['negative', 'positive'],
    hyperParameters: resolveSentimentHyperParameters('tiny', {
      cell,
      layers,
      bidirectional,
      units: 5,
      embeddingDim: 3,
    }),
  });

describe('sentimentPytorch', () => {
  it('names both directions of every layer as nn.LSTM(bidirectional=True) does', async () => {
    const m = model('lstm', 2, true);
    const { stateDict, config } = sentimentPytorch.toPytorch(m);
    const shapes = Object.fromEntries(Object.entries(stateDict).map(([k, t]) => [k, t.shape]));
    tf.dispose(Object.values(stateDict));
    m.dispose();
    expect(config).toMatchObject({ model: 'SentimentModel', bidirectional: true, outputs: 1 });
    expect(shapes['rnn.weight_ih_l0_reverse']).toEqual([20, 3]);
    expect(shapes['rnn.weight_ih_l1']).toEqual([20, 10]); // both directions of layer 0 in
    expect(shapes['head.weight']).toEqual([1, 10]);
    expect(Object.keys(shapes)).toHaveLength(2 + 2 * 2 * 4 + 1);
  });

  it.each([
    ['lstm', 2, true],
    ['gru', 1, true],
    ['rnn', 1, false],
  ] as const)(
    'round-trips %s x%i (bidirectional %s) to the very weights, numTensors flat',
    async (cell, layers, bi) => {
      const m = model(cell, layers, bi);
      const config = sentimentConfig(m);
      const original = await collectWeights(m.variables);
      const { stateDict } = sentimentPytorch.toPytorch(m);
      const sd = await collectWeights(stateDict);
      tf.dispose(Object.values(stateDict));
      m.dispose();
      const before = tf.memory().numTensors;
      for (let i = 0; i < 20; i++) {
        const back = await sentimentPytorch.fromPytorch(config, sd, 'test');
        for (const [name, r] of original)
          expect(Array.from(back.get(name)!.data), name).toEqual(Array.from(r.data));
      }
      expect(tf.memory().numTensors).toBe(before);
    },
  );
});
