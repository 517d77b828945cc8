/// <reference path="../../../../backends/src/wasm-assets.d.ts" />
/**
 * The browser benchmark of the WGSL step kernels, in headless Chromium: training steps of
 * `lstmSequence`, `gruSequence` (resetAfter) and `rnnSequence` on webgpu with our kernels,
 * on webgpu with tfjs' own ops (`webgpuKernels: false`) and on wasm, in one page; it prints
 * ms/step for each and checks that all three give the same losses with `numTensors` flat. Here Chromium's webgpu adapter
 * is SwiftShader (software), so the times say what a launch costs there, not a GPU's speed.
 */
// Gradients: @recurrent/backends/conformance registers tfjs-core's (importing them here too
// loads a second copy in Vite's browser mode, which fails on 'DEBUG').
import { selectBackend } from '@recurrent/backends';
import '@recurrent/backends/conformance';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { seededNormal } from '../../test-utils/fused-parity.js';
import type { FusedSequenceOptions, FusedWeights } from '../fused-check.js';
import { gruSequence } from '../gru-sequence.js';
import { lstmSequence } from '../lstm-sequence.js';
import { rnnSequence } from '../rnn-sequence.js';

const wasmPaths = {
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
};

const size = { batch: 8, time: 32, units: 32, inputSize: 16, steps: 4 }; // small: launch-bound

type Options = FusedSequenceOptions & { readonly webgpuKernels: boolean };

/** Each timed layer: its fused path, gate blocks and bias shape. */
const layers = {
  lstmSequence: { run: lstmSequence, gates: 4, bias: (u: number) => [4 * u] },
  gruSequence: { run: gruSequence, gates: 3, bias: (u: number) => [2, 3 * u] }, // resetAfter
  rnnSequence: { run: rnnSequence, gates: 1, bias: (u: number) => [u] },
} satisfies Record<
  string,
  {
    run: (x: tf.Tensor3D, w: FusedWeights, o: Options) => { sequence?: tf.Tensor3D };
    gates: number;
    bias: (units: number) => number[];
  }
>;

/** ms per training step and the losses of `size.steps` SGD steps on the active backend. */
async function trainSteps(layer: keyof typeof layers, webgpuKernels: boolean) {
  const { batch, time, units, inputSize, steps } = size;
  const { run, gates, bias } = layers[layer];
  const w = {
    kernel: tf.variable(seededNormal([inputSize, gates * units], 1, 0.3)),
    recurrentKernel: tf.variable(seededNormal([units, gates * units], 2, 0.3)),
    bias: tf.variable(seededNormal(bias(units), 3, 0.1)),
  };
  const vars = [w.kernel, w.recurrentKernel, w.bias];
  const x = seededNormal([batch, time, inputSize], 4) as tf.Tensor3D;
  const step = async () => {
    const loss = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => {
        const { sequence } = run(x, w, { returnSequences: true, webgpuKernels });
        return tf.mean(tf.square(sequence!)) as tf.Scalar;
      }, vars);
      for (const v of vars) v.assign(tf.sub(v, tf.mul(grads[v.name]!, 0.1)));
      return value;
    });
    const [l] = await loss.data(); // waits for the GPU
    loss.dispose();
    return l!;
  };
  const losses = [await step()]; // the first step compiles the shaders
  const before = tf.memory().numTensors;
  const start = performance.now();
  for (let i = 1; i < steps; i++) losses.push(await step());
  const ms = (performance.now() - start) / (steps - 1);
  const leaked = tf.memory().numTensors - before;
  tf.dispose([x, vars]);
  return { ms, losses, leaked };
}

for (const layer of Object.keys(layers) as (keyof typeof layers)[]) {
  it(`times ${layer}'s WGSL kernels vs tfjs ops on webgpu vs wasm, with the same losses`, async () => {
    await import('@tensorflow/tfjs-backend-cpu');
    const gpu = await selectBackend('webgpu');
    const ours = await trainSteps(layer, true);
    const theirs = await trainSteps(layer, false);
    await selectBackend('wasm', { wasmPaths });
    const wasm = await trainSteps(layer, true);
    const { batch, time, units } = size;
    const line = (name: string, r: { ms: number }) =>
      `${name.padEnd(26)} ${r.ms.toFixed(0).padStart(6)} ms/step ${((batch * time * 1000) / r.ms).toFixed(0).padStart(7)} tok/s`;
    console.info(
      [
        `${layer} training step in Chromium, batch ${batch} x ${time} steps, ${units} units; webgpu: ${gpu.detail ?? gpu.name}`,
        line('webgpu, WGSL step kernels', ours),
        line('webgpu, tfjs ops', theirs),
        line('wasm', wasm),
      ].join('\n'),
    );
    for (const r of [ours, theirs, wasm]) expect(r.leaked).toBe(0);
    ours.losses.forEach((l, i) => {
      expect(Math.abs(l - wasm.losses[i]!)).toBeLessThan(1e-4);
      expect(Math.abs(l - theirs.losses[i]!)).toBeLessThan(1e-4);
    });
  });
}
