/** getWeights/setWeights, toPytorch/fromPytorch and toKerasWeights round trips and errors. */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { bidirectional } from './bidirectional.js';
import { embedding } from './embedding.js';
import { getWeights, setWeights } from './get-weights.js';
import { gruCell } from './gru-cell.js';
import { fromKerasWeights, toKerasWeights } from './keras-weights.js';
import { lstmCell } from './lstm-cell.js';
import { runRnn } from './run-rnn.js';
import { simpleRnnCell } from './simple-rnn-cell.js';
import { stackCells } from './stack-cells.js';
import { useBackend } from './test-utils/backends.js';
import { tensorDiff } from './test-utils/numbers.js';
import { fromPytorch, toPytorch } from './to-pytorch.js';

beforeAll(() => useBackend('cpu'));

const biGruStack = (seed: number) =>
  stackCells([
    bidirectional(
      gruCell({ inputSize: 3, units: 2, seed, name: 'l0_f' }),
      gruCell({ inputSize: 3, units: 2, seed: seed + 1, name: 'l0_b' }),
    ),
    bidirectional(
      gruCell({ inputSize: 4, units: 2, seed: seed + 2, name: 'l1_f' }),
      gruCell({ inputSize: 4, units: 2, seed: seed + 3, name: 'l1_b' }),
    ),
  ]);

describe('weights by name', () => {
  it('getWeights lists every weight of a model, embeddings included', () => {
    expect(Object.keys(getWeights(biGruStack(1)))).toEqual(
      ['l0_f', 'l0_b', 'l1_f', 'l1_b'].flatMap((n) => [
        `${n}/kernel`,
        `${n}/recurrent_kernel`,
        `${n}/bias`,
      ]),
    );
    expect(Object.keys(getWeights(embedding({ vocabSize: 5, dim: 2 })))).toEqual([
      'embedding_0/embeddings',
    ]);
  });

  it('setWeights copies another model’s weights so both compute the same', () => {
    const a = biGruStack(1);
    const b = biGruStack(10);
    setWeights(b, getWeights(a));
    const x = tf.randomNormal([2, 3, 3], 0, 1, 'float32', 5) as tf.Tensor3D;
    expect(tensorDiff(runRnn(a, x).output, runRnn(b, x).output)).toBe(0);
  });

  it('setWeights explains missing, unknown and misshapen weights and changes nothing then', () => {
    const cell = lstmCell({ inputSize: 3, units: 2 });
    const before = cell.kernel.dataSync().slice();
    expect(() =>
      setWeights(cell, { 'lstm_0/kernel': tf.zeros([3, 8]), 'lstm_9/bias': tf.zeros([8]) }),
    ).toThrow(
      "setWeights: the names do not match the model's weights (missing: [lstm_0/recurrent_kernel, lstm_0/bias]; unknown: [lstm_9/bias]). The model has [lstm_0/kernel, lstm_0/recurrent_kernel, lstm_0/bias]; pass { strict: false } to set only some.",
    );
    expect(() =>
      setWeights(
        cell,
        { 'lstm_0/kernel': tf.zeros([3, 8]), 'lstm_0/bias': tf.zeros([4]) },
        { strict: false },
      ),
    ).toThrow('setWeights: expected "lstm_0/bias" of shape [8], got [4].');
    expect(cell.kernel.dataSync()).toEqual(before);
    setWeights(cell, { 'lstm_0/bias': [1, 2, 3, 4, 5, 6, 7, 8] }, { strict: false });
    expect(Array.from(cell.bias.dataSync())).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('stackCells and bidirectional refuse two cells with one weight name', () => {
    expect(() =>
      stackCells([lstmCell({ inputSize: 3, units: 3 }), lstmCell({ inputSize: 3, units: 3 })]),
    ).toThrow(
      `stackCells: two cells share the weight name "lstm_0/kernel"; names must be unique to save and load weights. Give each cell its own name, e.g. lstmCell({ ..., name: 'lstm_1' }).`,
    );
    expect(() =>
      stackCells([
        lstmCell({ inputSize: 3, units: 4, name: 'a' }),
        lstmCell({ inputSize: 3, units: 3, name: 'b' }),
      ]),
    ).toThrow(
      'stackCells: layer 1 ("b") expects inputs of size 3, but layer 0 ("a") outputs 4. Create layer 1 with inputSize: 4.',
    );
  });
});

describe('PyTorch layout', () => {
  it('names, shapes and gate order of an LSTM (i, f, g, o: Keras order, transposed)', () => {
    const cell = lstmCell({ inputSize: 3, units: 2 });
    const sd = toPytorch(cell);
    expect(Object.fromEntries(Object.entries(sd).map(([k, v]) => [k, v.shape]))).toEqual({
      weight_ih_l0: [8, 3],
      weight_hh_l0: [8, 2],
      bias_ih_l0: [8],
      bias_hh_l0: [8],
    });
    expect(tensorDiff(sd.weight_ih_l0!, tf.transpose(cell.kernel))).toBe(0);
    // The forget-gate bias of 1 sits in rows 2..3 (gate f) of bias_ih.
    expect(Array.from(sd.bias_ih_l0!.dataSync())).toEqual([0, 0, 1, 1, 0, 0, 0, 0]);
    expect(sd.bias_hh_l0!.dataSync().every((v) => v === 0)).toBe(true);
  });

  it('GRU: PyTorch r, z, n rows are Keras z, r, h columns', () => {
    const cell = gruCell({ inputSize: 2, units: 1 });
    fromPytorch(cell, {
      weight_ih_l0: [
        [1, 2],
        [3, 4],
        [5, 6],
      ], // r, z, n
      weight_hh_l0: [[7], [8], [9]],
      bias_ih_l0: [10, 11, 12],
      bias_hh_l0: [13, 14, 15],
    });
    expect(cell.kernel.arraySync()).toEqual([
      [3, 1, 5],
      [4, 2, 6],
    ]); // z, r, h
    expect(cell.recurrentKernel.arraySync()).toEqual([[8, 7, 9]]);
    expect(cell.bias.arraySync()).toEqual([
      [11, 10, 12],
      [14, 13, 15],
    ]);
  });

  it('LSTM/RNN import sums the two biases; export then import is the identity', () => {
    const cell = simpleRnnCell({ inputSize: 1, units: 2 });
    fromPytorch(cell, {
      weight_ih_l0: [[1], [2]],
      weight_hh_l0: [
        [1, 0],
        [0, 1],
      ],
      bias_ih_l0: [1, 2],
      bias_hh_l0: [10, 20],
    });
    expect(Array.from(cell.bias.dataSync())).toEqual([11, 22]);
    const a = biGruStack(1);
    const b = biGruStack(20);
    fromPytorch(b, toPytorch(a));
    a.weights.forEach((w, i) => {
      expect(tensorDiff(w.variable, b.weights[i]!.variable)).toBe(0);
    });
    expect(Object.keys(toPytorch(a))).toContain('weight_hh_l1_reverse');
  });

  it('refuses what PyTorch cannot express, and dictionaries that do not fit', () => {
    expect(() => toPytorch(gruCell({ inputSize: 2, units: 2, resetAfter: false }))).toThrow(
      'toPytorch: "gru_0" has resetAfter: false, but PyTorch\'s GRU applies the reset gate after the recurrent matmul. Create the cell with resetAfter: true.',
    );
    expect(() =>
      toPytorch(lstmCell({ inputSize: 2, units: 2, recurrentActivation: 'hardSigmoid' })),
    ).toThrow(
      "toPytorch: \"lstm_0\" uses recurrentActivation 'hardSigmoid', but PyTorch's gates are sigmoids.",
    );
    const one = lstmCell({ inputSize: 2, units: 2 });
    const two = stackCells([
      lstmCell({ inputSize: 2, units: 2, name: 'a' }),
      lstmCell({ inputSize: 2, units: 2, name: 'b' }),
    ]);
    expect(() => fromPytorch(one, toPytorch(two))).toThrow(
      'fromPytorch: the state_dict does not fit this model (missing: []; unknown: [weight_ih_l1, weight_hh_l1, bias_ih_l1, bias_hh_l1]).',
    );
    const bad = { ...toPytorch(one), weight_hh_l0: tf.zeros([8, 3]) };
    expect(() => fromPytorch(one, bad)).toThrow(
      'fromPytorch: "weight_hh_l0" gives "lstm_0" a weight of shape [3, 8], expected [2, 8].',
    );
  });
});

describe('Keras / tfjs-layers layout', () => {
  it('is our own layout: forward then backward, layer after layer', () => {
    const a = biGruStack(1);
    const list = toKerasWeights(a);
    expect(list.map((t) => t.shape)).toEqual([
      [3, 6],
      [2, 6],
      [2, 6],
      [3, 6],
      [2, 6],
      [2, 6],
      [4, 6],
      [2, 6],
      [2, 6],
      [4, 6],
      [2, 6],
      [2, 6],
    ]);
    const b = biGruStack(30);
    fromKerasWeights(b, list);
    a.weights.forEach((w, i) => {
      expect(tensorDiff(w.variable, b.weights[i]!.variable)).toBe(0);
    });
    expect(() => fromKerasWeights(b, list.slice(1))).toThrow(
      /fromKerasWeights: expected 12 tensors/,
    );
  });
});
