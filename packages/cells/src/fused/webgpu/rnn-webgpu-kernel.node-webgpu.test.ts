/**
 * The WGSL simple-RNN step kernels on `node-webgpu` (tfjs-backend-webgpu over Dawn; Mesa
 * llvmpipe without a GPU, as in CI): `rnnSequence` takes them when webgpu is active (counted
 * by program key), they give cpu's numbers and the tfjs-ops path's (`webgpuKernels: false`)
 * in values and in the gradients of x, the weights and h0, with masks, reverse and an
 * initial state, with fewer dispatches, and a training loop keeps `numTensors` flat.
 */
import { defaultImporter, findDawnAdapter, selectBackend } from '@recurrent/backends';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededNormal } from '../../test-utils/fused-parity.js';
import {
  type KernelCase,
  kernelDiff,
  kernelNumbers,
  type SequenceRun,
} from '../../test-utils/webgpu-kernel-parity.js';
import { rnnSequence } from '../rnn-sequence.js';

const found = await findDawnAdapter({ runtime: 'node', importModule: defaultImporter });
const missing = typeof found === 'string' && process.env.CI !== 'true' ? found : null;

const sizes = { inputSize: 5, units: 8, gates: 1, biasShape: [8] };
const cases: readonly (readonly [string, KernelCase])[] = [
  ['full length, last output', { ...sizes, batch: 2, time: 5 }],
  [
    'masked (a row without steps), reverse, initial state, sequence',
    {
      ...sizes,
      batch: 4,
      time: 7,
      lengths: [7, 4, 1, 0],
      reverse: true,
      initialState: true,
      returnSequences: true,
    },
  ],
  ['masked, sequence', { ...sizes, batch: 3, time: 6, lengths: [6, 3, 2], returnSequences: true }],
];

// Skipped only off CI, where Dawn finds no adapter (no GPU, and no Mesa EGL: apt-get install
// libegl-mesa0, which .ci/run does); the reason is in the name. On CI it always runs.
describe.skipIf(missing !== null)(
  `rnnSequence's WGSL kernels on node-webgpu${missing === null ? '' : ` (skipped: ${missing})`}`,
  () => {
    beforeAll(async () => {
      await selectBackend('node-webgpu');
    });

    for (const activation of ['tanh', 'relu'] as const) {
      const run: SequenceRun = (x, w, o) => rnnSequence(x, w, { ...o, activation });
      for (const [name, c] of cases) {
        it(`equal cpu and the tfjs-ops path, values and gradients (${activation}, ${name})`, async () => {
          await tf.setBackend('webgpu');
          const ours = await kernelNumbers(run, c, true);
          const theirs = await kernelNumbers(run, c, false);
          await tf.setBackend('cpu');
          const cpu = await kernelNumbers(run, c, true);
          await tf.setBackend('webgpu');
          const vsCpu = kernelDiff(ours, cpu);
          const vsOps = kernelDiff(ours, theirs);
          console.info(
            `rnn ${activation} ${name}: max |ours - cpu| ${vsCpu.values.toExponential(1)} values, ${vsCpu.grads.toExponential(1)} grads; |ours - tfjs ops| ${vsOps.values.toExponential(1)}, ${vsOps.grads.toExponential(1)}; dispatches ${ours.counts!.total} vs ${theirs.counts!.total}`,
          );
          // float32 over 7 steps and back; relu's values grow to ~10, so 1e-4 is ~1e-5 relative.
          for (const d of [vsCpu, vsOps]) {
            expect(d.values).toBeLessThan(1e-4);
            expect(d.grads).toBeLessThan(5e-4);
          }
          // The values run and the taped run go forward, the tape goes back once.
          expect(ours.counts!.byKey.get('recurrentRnnForward')).toBe(2 * c.time);
          expect(ours.counts!.byKey.get('recurrentRnnBackward')).toBe(c.time);
          expect(ours.counts!.byKey.get('recurrentStridedProduct')).toBe(3 * c.time);
          expect(theirs.counts!.byKey.has('recurrentRnnForward')).toBe(false);
          expect(ours.counts!.total).toBeLessThan(theirs.counts!.total);
        });
      }
    }

    it('keep numTensors flat over 30 training steps of 24 masked steps each', async () => {
      await tf.setBackend('webgpu');
      const w = {
        kernel: tf.variable(seededNormal([3, 6], 1, 0.4)),
        recurrentKernel: tf.variable(seededNormal([6, 6], 2, 0.4)),
        bias: tf.variable(seededNormal([6], 3, 0.1)),
      };
      const x = seededNormal([2, 24, 3], 5) as tf.Tensor3D;
      const mask = tf.tensor2d([Array(24).fill(1), [...Array(15).fill(1), ...Array(9).fill(0)]]);
      const vars = [w.kernel, w.recurrentKernel, w.bias];
      const step = () =>
        tf.tidy(() => {
          const { grads } = tf.variableGrads(() => {
            const { sequence } = rnnSequence(x, w, { mask, returnSequences: true });
            return tf.sum(tf.square(sequence!)) as tf.Scalar;
          }, vars);
          for (const v of vars) v.assign(tf.sub(v, tf.mul(grads[v.name]!, 0.01)));
        });
      step();
      const before = tf.memory().numTensors;
      for (let i = 0; i < 30; i++) step();
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([x, mask, vars]);
    });
  },
);
