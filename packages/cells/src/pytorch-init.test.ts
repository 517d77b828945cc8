/**
 * The cells' initialiser and bias options (issue #19): `initializer: 'pytorch'` draws both
 * kernels and the bias uniform in +-1/sqrt(units) as nn.LSTM's reset_parameters does, 'keras'
 * stays bit for bit what it was, an LSTM with `recurrentBias` trains PyTorch's bias_hh
 * (forward = one bias holding the sum, on the step loop and the fused path; both get the
 * gradient; toPytorch/fromPytorch keep the two apart), and the embedding draws N(0, 1).
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { embedding } from './embedding.js';
import { gruCell } from './gru-cell.js';
import { lstmCell } from './lstm-cell.js';
import { runRnn } from './run-rnn.js';
import { simpleRnnCell } from './simple-rnn-cell.js';
import { useBackend } from './test-utils/backends.js';
import { tensorDiff } from './test-utils/numbers.js';
import { fromPytorch, toPytorch } from './to-pytorch.js';

beforeAll(() => useBackend('cpu'));

const maxAbs = (t: tf.Tensor) => Math.max(...Array.from(t.dataSync(), Math.abs));

describe("initializer: 'pytorch'", () => {
  it('draws kernels and biases uniform in +-1/sqrt(units), forget bias added on top', () => {
    const units = 64;
    const limit = 1 / Math.sqrt(units);
    const lstm = lstmCell({ inputSize: 32, units, initializer: 'pytorch', unitForgetBias: false });
    for (const v of [lstm.kernel, lstm.recurrentKernel, lstm.bias]) {
      expect(maxAbs(v)).toBeLessThanOrEqual(limit);
      expect(maxAbs(v)).toBeGreaterThan(0.9 * limit); // spread over the whole range
    }
    const values = Array.from(lstm.kernel.dataSync() as Float32Array);
    const variance = values.reduce((a: number, x: number) => a + x * x, 0) / values.length;
    expect(variance).toBeCloseTo((limit * limit) / 3, 4); // uniform's variance limit^2 / 3
    const withForget = lstmCell({ inputSize: 32, units, initializer: 'pytorch' });
    const diff = tf.sub(withForget.bias, lstm.bias).dataSync(); // same draws, +1 on the f block
    expect(Array.from(diff.slice(units, 2 * units)).every((d) => Math.abs(d - 1) < 1e-6)).toBe(
      true,
    );
    expect(Array.from(diff.slice(0, units)).every((d) => d === 0)).toBe(true);
    const gru = gruCell({ inputSize: 8, units: 16, initializer: 'pytorch' });
    const rnn = simpleRnnCell({ inputSize: 8, units: 16, initializer: 'pytorch' });
    for (const v of [gru.kernel, gru.recurrentKernel, gru.bias, rnn.recurrentKernel, rnn.bias]) {
      expect(maxAbs(v)).toBeLessThanOrEqual(0.25);
      expect(maxAbs(v)).toBeGreaterThan(0.15);
    }
  });

  it("'keras' is the default and unchanged; a bad name is refused with the choices", () => {
    const a = lstmCell({ inputSize: 3, units: 4, seed: 7 });
    const b = lstmCell({ inputSize: 3, units: 4, seed: 7, initializer: 'keras' });
    for (const [i, w] of a.weights.entries()) {
      expect(tensorDiff(w.variable, b.weights[i]!.variable)).toBe(0);
    }
    expect(Array.from(a.bias.dataSync()).filter((x) => x !== 0)).toEqual([1, 1, 1, 1]);
    expect(() => lstmCell({ inputSize: 3, units: 4, initializer: 'torch' as never })).toThrow(
      'lstmCell: unknown initializer "torch". Available: keras, pytorch.',
    );
    expect(() => gruCell({ inputSize: 3, units: 4, initializer: 'xavier' as never })).toThrow(
      'gruCell: unknown initializer "xavier". Available: keras, pytorch.',
    );
  });
});

describe('LSTM recurrentBias (PyTorch bias_hh)', () => {
  const make = () => {
    const cell = lstmCell({ inputSize: 3, units: 4, recurrentBias: true, seed: 3 });
    cell.recurrentBias!.assign(tf.randomUniform([16], -1, 1, 'float32', 5));
    return cell;
  };

  it('adds a named weight; forward equals one bias holding the sum, fused and step loop', () => {
    const two = make();
    expect(two.weights.map((w) => w.name)).toEqual([
      'lstm_0/kernel',
      'lstm_0/recurrent_kernel',
      'lstm_0/bias',
      'lstm_0/recurrent_bias',
    ]);
    const one = lstmCell({ inputSize: 3, units: 4, seed: 3 });
    one.bias.assign(tf.add(two.bias, two.recurrentBias!));
    const x = tf.randomNormal([2, 5, 3], 0, 1, 'float32', 9) as tf.Tensor3D;
    const ref = runRnn(one, x, { returnSequences: true });
    for (const fused of [true, false]) {
      const got = runRnn(two, x, { returnSequences: true, fused });
      expect(tensorDiff(got.sequence!, ref.sequence!)).toBeLessThan(1e-6);
      expect(tensorDiff(got.state[1]!, ref.state[1]!)).toBeLessThan(1e-6);
    }
  });

  it('both biases get the gradient of the sum (fused path), and no tensor leaks', () => {
    const cell = make();
    const x = tf.randomNormal([2, 5, 3], 0, 1, 'float32', 1) as tf.Tensor3D;
    const loss = () => tf.sum(tf.square(runRnn(cell, x).output)) as tf.Scalar;
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) {
      const { value, grads } = tf.variableGrads(loss, [cell.bias, cell.recurrentBias!]);
      const [gb, gr] = [grads[cell.bias.name]!, grads[cell.recurrentBias!.name]!];
      expect(tensorDiff(gb, gr)).toBeLessThan(1e-7);
      expect(maxAbs(gb)).toBeGreaterThan(0);
      tf.dispose([value, gb, gr]);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('exports bias_ih and bias_hh apart and imports them back the same way', () => {
    const a = make();
    const sd = toPytorch(a);
    expect(tensorDiff(sd.bias_ih_l0!, a.bias)).toBe(0);
    expect(tensorDiff(sd.bias_hh_l0!, a.recurrentBias!)).toBe(0);
    const b = lstmCell({ inputSize: 3, units: 4, recurrentBias: true, seed: 11 });
    fromPytorch(b, sd);
    for (const [i, w] of a.weights.entries()) {
      expect(tensorDiff(w.variable, b.weights[i]!.variable)).toBe(0);
    }
    const one = lstmCell({ inputSize: 3, units: 4 }); // one bias: the sum, as before
    fromPytorch(one, sd);
    expect(tensorDiff(one.bias, tf.add(a.bias, a.recurrentBias!))).toBeLessThan(1e-7);
  });

  it('is off by default, and refuses a value that is not a boolean', () => {
    expect(lstmCell({ inputSize: 3, units: 4 }).recurrentBias).toBeUndefined();
    expect(() => lstmCell({ inputSize: 3, units: 4, recurrentBias: 1 as never })).toThrow(
      "lstmCell: expected recurrentBias to be true or false, got 1. Pass recurrentBias: true for PyTorch's second bias (bias_hh).",
    );
  });
});

describe("embedding initializer: 'normal'", () => {
  it("draws N(0, 1) (PyTorch's nn.Embedding); 'uniform' stays +-0.05", () => {
    const normal = embedding({ vocabSize: 100, dim: 64, initializer: 'normal' });
    const v = Array.from(normal.table.dataSync() as Float32Array);
    const mean = v.reduce((a: number, x: number) => a + x, 0) / v.length;
    const sd = Math.sqrt(v.reduce((a: number, x: number) => a + (x - mean) ** 2, 0) / v.length);
    expect(Math.abs(mean)).toBeLessThan(0.05); // 6,400 draws: standard error 0.0125
    expect(sd).toBeGreaterThan(0.95);
    expect(sd).toBeLessThan(1.05);
    expect(maxAbs(embedding({ vocabSize: 100, dim: 64 }).table)).toBeLessThanOrEqual(0.05);
    expect(() => embedding({ vocabSize: 10, dim: 4, initializer: 'gauss' as never })).toThrow(
      'embedding: unknown initializer "gauss". Available: uniform, normal.',
    );
  });
});
