import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { gruCell } from '../gru-cell.js';
import { useBackend } from '../test-utils/backends.js';
import { type FusedRun, fusedVsLoop, parityCases } from '../test-utils/fused-parity.js';
import { gruSequence } from './gru-sequence.js';

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`gruSequence on ${backend}`, () => {
    for (const resetAfter of [true, false]) {
      for (const activation of ['sigmoid', 'hardSigmoid'] as const) {
        for (const [name, c] of parityCases) {
          it(`equals runRnn's step loop within 1e-5, gradients too (resetAfter ${resetAfter}, ${activation}, ${name})`, async () => {
            await useBackend(backend);
            const cell = gruCell({
              inputSize: 3,
              units: 4,
              resetAfter,
              recurrentActivation: activation,
              seed: 5,
            });
            // A non-zero bias so that both bias rows matter.
            cell.bias.assign(tf.mul(tf.randomNormal(cell.bias.shape, 0, 1, 'float32', 9), 0.3));
            const run: FusedRun = (x, o) =>
              gruSequence(x, cell, { ...o, resetAfter, recurrentActivation: activation });
            const d = fusedVsLoop(cell, run, c);
            expect(d.values).toBeLessThan(1e-5);
            expect(d.grads).toBeLessThan(1e-5);
            tf.dispose(cell.weights.map((w) => w.variable));
          });
        }
      }
    }
  });
}
