/**
 * The WGSL LSTM step kernels on `node-webgpu` (tfjs-backend-webgpu over Dawn; Mesa llvmpipe
 * without a GPU, as in CI): `lstmSequence` takes them when webgpu is active, they give the
 * numbers of the tfjs-ops path (`webgpuKernels: false`), they launch far fewer tfjs kernels,
 * and a training loop over them keeps `tf.memory().numTensors` flat. The values against cpu
 * are the conformance cases (fused-conformance.node-webgpu.test.ts).
 */
import { defaultImporter, findDawnAdapter, selectBackend } from '@recurrent/backends';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededNormal } from '../../test-utils/fused-parity.js';
import { lstmSequence } from '../lstm-sequence.js';

const found = await findDawnAdapter({ runtime: 'node', importModule: defaultImporter });
const missing = typeof found === 'string' && process.env.CI !== 'true' ? found : null;

function weights(units: number, inputSize: number) {
  return {
    kernel: tf.variable(seededNormal([inputSize, 4 * units], 1, 0.4)),
    recurrentKernel: tf.variable(seededNormal([units, 4 * units], 2, 0.4)),
    bias: tf.variable(seededNormal([4 * units], 3, 0.1)),
  };
}

async function maxDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const d = tf.max(tf.abs(tf.sub(a, b)));
  const [v] = await d.data();
  d.dispose();
  return v!;
}

// Skipped only off CI, where Dawn finds no adapter (no GPU, and no Mesa EGL: apt-get install
// libegl-mesa0, which .ci/run does); the reason is in the name. On CI it always runs.
describe.skipIf(missing !== null)(
  `lstmSequence's WGSL kernels on node-webgpu${missing === null ? '' : ` (skipped: ${missing})`}`,
  () => {
    beforeAll(async () => {
      await selectBackend('node-webgpu');
    });

    it('match the tfjs-ops path in values and gradients, with 3x fewer tfjs kernels', async () => {
      const w = weights(8, 5);
      const x = seededNormal([4, 7, 5], 4) as tf.Tensor3D;
      const mask = tf.tensor2d(
        [4, 7, 2, 0].flatMap((n) => [0, 1, 2, 3, 4, 5, 6].map((t) => (t < n ? 1 : 0))),
        [4, 7],
      );
      const vars = [w.kernel, w.recurrentKernel, w.bias];
      const run = (webgpuKernels: boolean) =>
        tf.variableGrads(() => {
          const { sequence, state } = lstmSequence(x, w, {
            mask,
            returnSequences: true,
            webgpuKernels,
          });
          return tf.addN([
            tf.sum(tf.square(sequence!)),
            tf.sum(state[0]!),
            tf.sum(state[1]!),
          ]) as tf.Scalar;
        }, vars);
      // tf.profile returns one engine-owned object each time: read it before the next profile.
      const ours = await tf.profile(() => run(true));
      const a = ours.result as unknown as { value: tf.Scalar; grads: tf.NamedTensorMap };
      const ourKernels = ours.kernels.length;
      const theirs = await tf.profile(() => run(false));
      const theirKernels = theirs.kernels.length;
      const b = theirs.result as unknown as { value: tf.Scalar; grads: tf.NamedTensorMap };
      expect(await maxDiff(a.value, b.value)).toBeLessThan(1e-4);
      for (const v of vars)
        expect(await maxDiff(a.grads[v.name]!, b.grads[v.name]!)).toBeLessThan(1e-4);
      // Our dispatches are not tfjs kernels: the count is what is left (the hoisted matmuls, ...).
      expect(ourKernels * 3).toBeLessThan(theirKernels);
      tf.dispose([a.value, b.value, Object.values(a.grads), Object.values(b.grads), x, mask, vars]);
    });

    it('keep numTensors flat over 30 training steps', async () => {
      const w = weights(6, 3);
      const x = seededNormal([2, 5, 3], 5) as tf.Tensor3D;
      const vars = [w.kernel, w.recurrentKernel, w.bias];
      const step = () =>
        tf.tidy(() => {
          const { grads } = tf.variableGrads(
            () => tf.sum(tf.square(lstmSequence(x, w).output)) as tf.Scalar,
            vars,
          );
          for (const v of vars) v.assign(tf.sub(v, tf.mul(grads[v.name]!, 0.01)));
        });
      step();
      const before = tf.memory().numTensors;
      for (let i = 0; i < 30; i++) step();
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([x, vars]);
    });
  },
);
