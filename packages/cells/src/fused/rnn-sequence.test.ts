import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { simpleRnnCell } from '../simple-rnn-cell.js';
import { useBackend } from '../test-utils/backends.js';
import { type FusedRun, fusedVsLoop, parityCases } from '../test-utils/fused-parity.js';
import { rnnSequence } from './rnn-sequence.js';

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`rnnSequence on ${backend}`, () => {
    for (const activation of ['tanh', 'relu'] as const) {
      for (const [name, c] of parityCases) {
        it(`equals runRnn's step loop within 1e-5, gradients too (${activation}, ${name})`, async () => {
          await useBackend(backend);
          const cell = simpleRnnCell({ inputSize: 3, units: 4, activation, seed: 11 });
          cell.bias.assign(tf.mul(tf.randomNormal([4], 0, 1, 'float32', 4), 0.3));
          const run: FusedRun = (x, o) => rnnSequence(x, cell, { ...o, activation });
          const d = fusedVsLoop(cell, run, c);
          expect(d.values).toBeLessThan(1e-5);
          expect(d.grads).toBeLessThan(1e-5);
          tf.dispose(cell.weights.map((w) => w.variable));
        });
      }
    }
  });
}
