import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { gruCell } from '../gru-cell.js';
import { lstmCell } from '../lstm-cell.js';
import { useBackend } from '../test-utils/backends.js';
import { gruSequence } from './gru-sequence.js';
import { lstmSequence } from './lstm-sequence.js';
import { rnnSequence } from './rnn-sequence.js';

beforeAll(() => useBackend('cpu'));

describe('fused path argument checks', () => {
  const lstm = () => lstmCell({ inputSize: 3, units: 4 });

  it('refuses x that is not [batch, time, inputSize]', () => {
    const cell = lstm();
    expect(() => lstmSequence(tf.zeros([2, 3]) as unknown as tf.Tensor3D, cell)).toThrow(
      'lstmSequence: expected x of shape [batch, time, inputSize], got [2, 3]. Pass batch-major sequences [batch, time, inputSize].',
    );
    expect(() => lstmSequence(tf.zeros([2, 0, 3]) as tf.Tensor3D, cell)).toThrow(
      'lstmSequence: expected x with at least one sequence and one time step, got [2, 0, 3].',
    );
  });

  it('names the weight whose shape is wrong, and how its columns are laid out', () => {
    const cell = lstm();
    expect(() => lstmSequence(tf.zeros([2, 5, 7]) as tf.Tensor3D, cell)).toThrow(
      'lstmSequence: expected weights.kernel of shape [7, 16], got [3, 16]. The kernel maps the 7 input features of x to 4 gate blocks of 4 units.',
    );
    const gru = gruCell({ inputSize: 3, units: 4 }); // resetAfter: bias [2, 12]
    expect(() =>
      gruSequence(tf.zeros([1, 2, 3]) as tf.Tensor3D, gru, { resetAfter: false }),
    ).toThrow('gruSequence: expected weights.bias of shape [12], got [2, 12].');
    expect(() => rnnSequence(tf.zeros([1, 2, 3]) as tf.Tensor3D, cell)).toThrow(
      'rnnSequence: expected weights.recurrentKernel of shape [4, 4], got [4, 16]. Its columns are 1 gate blocks of 4 units.',
    );
  });

  it('checks the mask, the initial state and the activation', () => {
    const cell = lstm();
    const x = tf.zeros([2, 5, 3]) as tf.Tensor3D;
    expect(() => lstmSequence(x, cell, { mask: tf.ones([2, 4]) as tf.Tensor2D })).toThrow(
      'lstmSequence: expected mask of shape [2, 5], got [2, 4].',
    );
    expect(() =>
      lstmSequence(x, cell, { initialState: [tf.zeros([2, 4])] as tf.Tensor2D[] }),
    ).toThrow('lstmSequence initialState: expected 2 state tensor(s) of widths [4, 4], got 1.');
    expect(() =>
      lstmSequence(x, cell, { recurrentActivation: 'relu' as unknown as 'sigmoid' }),
    ).toThrow('lstmSequence: unknown recurrentActivation "relu". Available: sigmoid, hardSigmoid.');
  });
});
