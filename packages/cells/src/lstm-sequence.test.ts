import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { lstmCell } from './lstm-cell.js';
import { lstmSequence } from './lstm-sequence.js';
import { useBackend } from './test-utils/backends.js';
import { type FusedRun, fusedVsLoop, type ParityCase } from './test-utils/fused-parity.js';

const cases: [string, ParityCase][] = [
  ['full length', { batch: 3, time: 5 }],
  [
    'full length, sequence, random state',
    { batch: 2, time: 4, returnSequences: true, randomState: true },
  ],
  ['masked', { batch: 3, time: 6, lengths: [6, 3, 1], returnSequences: true }],
  ['reverse', { batch: 2, time: 5, reverse: true, returnSequences: true }],
  [
    'masked reverse, random state, a row without steps',
    {
      batch: 3,
      time: 5,
      lengths: [5, 2, 0],
      reverse: true,
      returnSequences: true,
      randomState: true,
    },
  ],
];

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`lstmSequence on ${backend}`, () => {
    for (const activation of ['sigmoid', 'hardSigmoid'] as const) {
      for (const [name, c] of cases) {
        it(`equals runRnn's step loop (${activation}, ${name})`, async () => {
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
