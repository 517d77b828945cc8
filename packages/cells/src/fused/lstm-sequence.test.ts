import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { lstmCell } from '../lstm-cell.js';
import { useBackend } from '../test-utils/backends.js';
import { type FusedRun, fusedVsLoop, parityCases } from '../test-utils/fused-parity.js';
import { lstmSequence } from './lstm-sequence.js';

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`lstmSequence on ${backend}`, () => {
    for (const activation of ['sigmoid', 'hardSigmoid'] as const) {
      for (const [name, c] of parityCases) {
        it(`equals runRnn's step loop within 1e-5, gradients too (${activation}, ${name})`, async () => {
          await useBackend(backend);
          const cell = lstmCell({
            inputSize: 3,
            units: 4,
            recurrentActivation: activation,
            seed: 3,
          });
          const run: FusedRun = (x, o) =>
            lstmSequence(x, cell, { ...o, recurrentActivation: activation });
          const d = fusedVsLoop(cell, run, c);
          expect(d.values).toBeLessThan(1e-5);
          expect(d.grads).toBeLessThan(1e-5);
          tf.dispose(cell.weights.map((w) => w.variable));
        });
      }
    }
  });
}
