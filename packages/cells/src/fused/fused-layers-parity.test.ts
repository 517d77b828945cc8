/**
 * The fused LSTM against a real reference, tfjs-layers 4.22's `tf.layers.lstm` with
 * `recurrentActivation: 'sigmoid'` and the same Keras-layout weights: the final output
 * within 1e-5 and the gradients (x, kernel, recurrent kernel, bias) within 1e-4, with and
 * without a padding mask, on cpu and wasm. (A file of its own: the chained-ops import that
 * tfjs-layers needs breaks `tf.addN`'s gradient for the other tests.)
 */
// tfjs-layers calls chained ops (t.flatten()), which tfjs-core alone does not register.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { lstmCell } from '../lstm-cell.js';
import { useBackend } from '../test-utils/backends.js';
import { lengthMask, seededNormal } from '../test-utils/fused-parity.js';
import { tensorDiff } from '../test-utils/numbers.js';
import { lstmSequence } from './lstm-sequence.js';

describe('lstmSequence against tfjs-layers 4.22 (tf.layers.lstm, recurrentActivation sigmoid)', () => {
  for (const backend of ['cpu', 'wasm'] as const) {
    for (const masked of [false, true]) {
      it(`gives its final output within 1e-5 and gradients within 1e-4 (${backend}, mask ${masked})`, async () => {
        await useBackend(backend);
        const cell = lstmCell({ inputSize: 3, units: 4, seed: 8 });
        const x = tf.variable(seededNormal([3, 5, 3], 2)) as tf.Variable<tf.Rank.R3>;
        const mask = masked ? lengthMask([5, 3, 1], 5) : undefined;
        const layer = tfl.layers.lstm({ units: 4, recurrentActivation: 'sigmoid' });
        layer.apply(x, { mask }); // builds the layer
        layer.setWeights([cell.kernel, cell.recurrentKernel, cell.bias]); // the same Keras layout
        const coefficients = seededNormal([3, 4], 3);
        const lossOf = (out: tf.Tensor) => tf.sum(tf.mul(out, coefficients)) as tf.Scalar;
        const ours = tf.variableGrads(
          () => lossOf(lstmSequence(x, cell, mask ? { mask } : {}).output),
          [x, ...cell.weights.map((w) => w.variable)],
        );
        const theirVars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
        const theirs = tf.variableGrads(
          () => lossOf(layer.apply(x, { mask }) as tf.Tensor),
          [x, ...theirVars],
        );
        expect(Math.abs(ours.value.dataSync()[0]! - theirs.value.dataSync()[0]!)).toBeLessThan(
          1e-5,
        );
        expect(
          tensorDiff(
            lstmSequence(x, cell, mask ? { mask } : {}).output,
            layer.apply(x, { mask }) as tf.Tensor,
          ),
        ).toBeLessThan(1e-5);
        const mine = [x, ...cell.weights.map((w) => w.variable)].map((v) => ours.grads[v.name]!);
        const their = [x, ...theirVars].map((v) => theirs.grads[v.name]!);
        mine.forEach((g, k) => {
          expect(tensorDiff(g, their[k]!), `gradient ${k}`).toBeLessThan(1e-4);
        });
        layer.dispose();
        tf.dispose([x, ...cell.weights.map((w) => w.variable)]);
      });
    }
  }
});
