import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { bidirectional } from '../bidirectional.js';
import type { Cell } from '../cell.js';
import { gruCell } from '../gru-cell.js';
import { lstmCell } from '../lstm-cell.js';
import { simpleRnnCell } from '../simple-rnn-cell.js';
import { stackCells } from '../stack-cells.js';
import { useBackend } from '../test-utils/backends.js';
import { lengthMask, seededNormal } from '../test-utils/fused-parity.js';
import { tensorDiff } from '../test-utils/numbers.js';
import { fusedPathFor } from './fused-path.js';

const cells = (): [string, Cell][] => [
  ['lstm', lstmCell({ inputSize: 3, units: 4, seed: 1 })],
  ['lstm hardSigmoid', lstmCell({ inputSize: 3, units: 4, recurrentActivation: 'hardSigmoid' })],
  ['gru resetAfter', gruCell({ inputSize: 3, units: 4, seed: 2 })],
  ['gru resetBefore', gruCell({ inputSize: 3, units: 4, resetAfter: false, seed: 3 })],
  ['rnn tanh', simpleRnnCell({ inputSize: 3, units: 4, seed: 4 })],
  ['rnn relu', simpleRnnCell({ inputSize: 3, units: 4, activation: 'relu', seed: 5 })],
];

describe('fusedPathFor', () => {
  it('has no path of its own for stacks and bidirectional cells, nor when fused is false', async () => {
    await useBackend('cpu');
    const x = tf.zeros([1, 2, 3]) as tf.Tensor3D;
    const a = lstmCell({ inputSize: 3, units: 3 });
    const b = lstmCell({ inputSize: 3, units: 3, name: 'lstm_1' });
    expect(fusedPathFor(stackCells([a, b]), x)).toBeUndefined();
    expect(fusedPathFor(bidirectional(a, b), x)).toBeUndefined();
    expect(fusedPathFor(a, x, { fused: false })).toBeUndefined();
    expect(fusedPathFor(a, x)).toBeTypeOf('function');
  });

  it("runs each cell kind with the cell's own settings (equal to its step loop)", async () => {
    await useBackend('cpu');
    const x = seededNormal([2, 4, 3], 1) as tf.Tensor3D;
    const mask = lengthMask([4, 2], 4);
    for (const [name, cell] of cells()) {
      const options = { mask, returnSequences: true, reverse: true };
      const fused = fusedPathFor(cell, x, options)!();
      const loop = tf.tidy(() => {
        let state = cell.initialState(2);
        const out: tf.Tensor2D[] = new Array(4);
        for (let t = 3; t >= 0; t--) {
          const xt = tf.reshape(tf.slice(x, [0, t, 0], [2, 1, 3]), [2, 3]) as tf.Tensor2D;
          const m = tf.reshape(tf.slice(mask, [0, t], [2, 1]), [2, 1]);
          const res = cell.step(xt, state);
          state = res.state.map((s, k) => tf.add(tf.mul(m, s), tf.mul(tf.sub(1, m), state[k]!)));
          out[t] = tf.mul(m, res.output) as tf.Tensor2D;
        }
        return { sequence: tf.stack(out, 1), state };
      });
      expect(tensorDiff(fused.sequence!, loop.sequence), name).toBeLessThan(1e-5);
      loop.state.forEach((s, k) => {
        expect(tensorDiff(fused.state[k]!, s), name).toBeLessThan(1e-5);
      });
    }
  });
});

describe('fused paths leak no tensors', () => {
  it('keeps numTensors flat over 30 training and inference calls of every cell kind (wasm)', async () => {
    await useBackend('wasm');
    const all = cells();
    const x = seededNormal([3, 6, 3], 2) as tf.Tensor3D;
    const mask = lengthMask([6, 4, 1], 6);
    const round = () => {
      for (const [, cell] of all) {
        const run = (reverse: boolean) =>
          fusedPathFor(cell, x, { mask, reverse, returnSequences: true })!();
        tf.tidy(() => {
          const vars = cell.weights.map((w) => w.variable);
          const { value, grads } = tf.variableGrads(() => {
            const r = run(true);
            return tf.add(tf.sum(r.sequence!), tf.sum(r.state[0]!)) as tf.Scalar;
          }, vars);
          value.dataSync();
          for (const g of Object.values(grads)) g.dataSync();
        });
        const r = run(false); // inference, outside any tidy: the caller owns the result
        tf.dispose([r.output, r.sequence!, ...r.state]);
      }
    };
    round();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 30; i++) round();
    expect(tf.memory().numTensors).toBe(before);
  });
});
