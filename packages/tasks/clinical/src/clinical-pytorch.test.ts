import { selectBackend } from '@recurrent/backends';
import { collectWeights } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { clinicalConfig } from './clinical-config.js';
import { clinicalPytorch } from './clinical-pytorch.js';
import { createClinicalModel } from './create-clinical-model.js';
import { physionetTimeSeries } from './physionet-variables.js';
import { resolveClinicalHyperParameters } from './resolve-clinical-hyper-parameters.js';

beforeAll(async () => {
  await selectBackend('cpu');
});

const V = physionetTimeSeries.length;
const normalizer = {
  log: new Array(V).fill(0),
  mean: new Array(V).fill(0),
  std: new Array(V).fill(1),
  staticMean: [0, 0, 0],
  staticStd: [1, 1, 1],
  clip: 5,
  fittedOn: 1,
};
const model = (cell: 'lstm' | 'gru' | 'gru-d') =>
  createClinicalModel({
    hyperParameters: resolveClinicalHyperParameters('tiny', { cell, units: 4 }),
    normalizer,
    positiveWeight: 6,
  });

describe('clinicalPytorch', () => {
  it('names GRU-D like nn.GRU plus its mask kernel and decays', async () => {
    const m = model('gru-d');
    const { stateDict, config } = clinicalPytorch.toPytorch(m);
    const shapes = Object.fromEntries(Object.entries(stateDict).map(([k, t]) => [k, t.shape]));
    tf.dispose(Object.values(stateDict));
    m.dispose();
    const F = m.cell.inputSize;
    expect(config).toMatchObject({ model: 'ClinicalModel', cell: 'gru-d', resetAfter: false });
    expect(shapes).toEqual({
      'rnn.weight_ih_l0': [12, F],
      'rnn.weight_hh_l0': [12, 4],
      'rnn.weight_mh_l0': [12, F],
      'rnn.bias_ih_l0': [12],
      'rnn.bias_hh_l0': [12],
      'rnn.input_decay_weight_l0': [F],
      'rnn.input_decay_bias_l0': [F],
      'rnn.hidden_decay_weight_l0': [4, F],
      'rnn.hidden_decay_bias_l0': [4],
      'head.weight': [1, 4],
      'head.bias': [1],
    });
  });

  it.each(['lstm', 'gru', 'gru-d'] as const)(
    'round-trips %s to the very weights, numTensors flat',
    async (cell) => {
      const m = model(cell);
      const config = clinicalConfig(m);
      const original = await collectWeights(m.variables);
      const { stateDict } = clinicalPytorch.toPytorch(m);
      const sd = await collectWeights(stateDict);
      tf.dispose(Object.values(stateDict));
      m.dispose();
      const before = tf.memory().numTensors;
      for (let i = 0; i < 20; i++) {
        const back = await clinicalPytorch.fromPytorch(config, sd, 'test');
        for (const [name, r] of original) {
          expect(Array.from(back.get(name)!.data), name).toEqual(Array.from(r.data));
        }
      }
      expect(tf.memory().numTensors).toBe(before);
    },
  );
});
