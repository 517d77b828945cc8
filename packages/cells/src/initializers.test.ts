import { createRandom } from '@recurrent/random';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { glorotUniform } from './glorot-uniform.js';
import { gruCell } from './gru-cell.js';
import { lstmCell } from './lstm-cell.js';
import { orthogonal } from './orthogonal.js';
import { simpleRnnCell } from './simple-rnn-cell.js';
import { useBackend } from './test-utils/backends.js';

beforeAll(() => useBackend('cpu'));

/** Largest |(M M^T - I)_ij| for rows of a row-major [rows, cols] matrix (or columns). */
function orthoError(m: Float32Array, rows: number, cols: number, byRows: boolean): number {
  const n = byRows ? rows : cols;
  const len = byRows ? cols : rows;
  const at = (v: number, k: number) => (byRows ? m[v * cols + k]! : m[k * cols + v]!);
  let worst = 0;
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      let dot = 0;
      for (let k = 0; k < len; k++) dot += at(a, k) * at(b, k);
      worst = Math.max(worst, Math.abs(dot - (a === b ? 1 : 0)));
    }
  }
  return worst;
}

describe('initialisers', () => {
  it('orthogonal: orthonormal rows for [units, 4*units], columns for tall, both for square', () => {
    expect(orthoError(orthogonal(createRandom(1), 8, 32), 8, 32, true)).toBeLessThan(1e-6);
    expect(orthoError(orthogonal(createRandom(2), 32, 8), 32, 8, false)).toBeLessThan(1e-6);
    const sq = orthogonal(createRandom(3), 16, 16);
    expect(orthoError(sq, 16, 16, true)).toBeLessThan(1e-6);
    expect(orthoError(sq, 16, 16, false)).toBeLessThan(1e-6);
    expect(orthoError(orthogonal(createRandom(4), 64, 256), 64, 256, true)).toBeLessThan(1e-6);
  });

  it('orthogonal: seeded, and scaled by gain', () => {
    expect(orthogonal(createRandom(5), 4, 12)).toEqual(orthogonal(createRandom(5), 4, 12));
    expect(orthogonal(createRandom(5), 4, 12)).not.toEqual(orthogonal(createRandom(6), 4, 12));
    const scaled = orthogonal(createRandom(5), 4, 12, 2);
    const plain = orthogonal(createRandom(5), 4, 12);
    scaled.forEach((v, i) => {
      expect(v).toBeCloseTo(2 * plain[i]!, 6);
    });
  });

  it('glorotUniform stays within sqrt(6 / (fanIn + fanOut)) and is centred', () => {
    const values = glorotUniform(createRandom(7), 30, 120);
    const limit = Math.sqrt(6 / 150);
    expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...values.map(Math.abs))).toBeGreaterThan(0.95 * limit);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.05 * limit); // 5 standard errors
  });

  it('cells: Keras shapes and names, forget bias 1, zero biases, orthogonal recurrent kernels', () => {
    const lstm = lstmCell({ inputSize: 3, units: 4 });
    expect(lstm.weights.map((w) => [w.name, w.variable.shape])).toEqual([
      ['lstm_0/kernel', [3, 16]],
      ['lstm_0/recurrent_kernel', [4, 16]],
      ['lstm_0/bias', [16]],
    ]);
    expect(Array.from(lstm.bias.dataSync())).toEqual([
      ...Array(4).fill(0),
      ...Array(4).fill(1),
      ...Array(8).fill(0),
    ]);
    const noForget = lstmCell({ inputSize: 3, units: 4, unitForgetBias: false });
    expect(noForget.bias.dataSync().every((v) => v === 0)).toBe(true);
    expect(orthoError(lstm.recurrentKernel.dataSync() as Float32Array, 4, 16, true)).toBeLessThan(
      1e-6,
    );

    const gru = gruCell({ inputSize: 3, units: 4 });
    expect(gru.weights.map((w) => [w.name, w.variable.shape])).toEqual([
      ['gru_0/kernel', [3, 12]],
      ['gru_0/recurrent_kernel', [4, 12]],
      ['gru_0/bias', [2, 12]],
    ]);
    expect(gruCell({ inputSize: 3, units: 4, resetAfter: false }).bias.shape).toEqual([12]);
    const rnn = simpleRnnCell({ inputSize: 3, units: 4, name: 'encoder' });
    expect(rnn.weights.map((w) => w.name)).toEqual([
      'encoder/kernel',
      'encoder/recurrent_kernel',
      'encoder/bias',
    ]);
    expect(orthoError(rnn.recurrentKernel.dataSync() as Float32Array, 4, 4, true)).toBeLessThan(
      1e-6,
    );
    tf.dispose(
      [...lstm.weights, ...noForget.weights, ...gru.weights, ...rnn.weights].map((w) => w.variable),
    );
  });

  it('explains bad options', () => {
    expect(() => lstmCell({ inputSize: 3, units: 0 })).toThrow(
      'lstmCell: expected units to be an integer >= 1, got the number 0. Pass e.g. units: 32.',
    );
    expect(() =>
      lstmCell({ inputSize: 3, units: 2, recurrentActivation: 'relu' as 'sigmoid' }),
    ).toThrow('lstmCell: unknown recurrentActivation "relu". Available: sigmoid, hardSigmoid.');
    expect(() => simpleRnnCell({ inputSize: 3, units: 2, activation: 'gelu' as 'tanh' })).toThrow(
      'simpleRnnCell: unknown activation "gelu". Available: tanh, relu.',
    );
  });
});
