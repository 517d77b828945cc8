// Training-step time of lstmSequence on webgpu with our WGSL step kernels, with tfjs' own ops
// (webgpuKernels: false), and on wasm, in one run. After `pnpm build`:
//   EGL_PLATFORM=surfaceless node examples/webgpu-steps.mjs [batch] [time] [units] [steps]
// In Node, webgpu is the node-webgpu adapter (Dawn; without a GPU, Mesa's llvmpipe: software).
// biome-ignore-all lint/suspicious/noConsole: an example prints what it measured
import { selectBackend } from '@recurrent/backends';
import { lstmSequence } from '@recurrent/cells';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers'; // its Node bundle registers tfjs-core's gradients

const [batch, time, units, steps] = process.argv.slice(2).map(Number);
const B = batch || 16;
const T = time || 32;
const U = units || 128;
const N = steps || 5;
const inputSize = 64;

async function measure(label, webgpuKernels) {
  const w = {
    kernel: tf.variable(tf.randomNormal([inputSize, 4 * U], 0, 0.1, 'float32', 1)),
    recurrentKernel: tf.variable(tf.randomNormal([U, 4 * U], 0, 0.1, 'float32', 2)),
    bias: tf.variable(tf.zeros([4 * U])),
  };
  const x = tf.randomNormal([B, T, inputSize], 0, 1, 'float32', 3);
  const vars = [w.kernel, w.recurrentKernel, w.bias];
  const step = async () => {
    const loss = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(
        () => tf.mean(tf.square(lstmSequence(x, w, { returnSequences: true, webgpuKernels }).sequence)),
        vars,
      );
      for (const v of vars) v.assign(tf.sub(v, tf.mul(grads[v.name], 0.01)));
      return value;
    });
    const [l] = await loss.data(); // waits for the GPU
    loss.dispose();
    return l;
  };
  await step(); // compiles the shaders
  const before = tf.memory().numTensors;
  const start = performance.now();
  let last = 0;
  for (let i = 0; i < N; i++) last = await step();
  const ms = (performance.now() - start) / N;
  const leak = tf.memory().numTensors - before;
  tf.dispose([x, ...vars]);
  return { label, ms, tokens: (B * T * 1000) / ms, last, leak };
}

const rows = [];
const gpu = await selectBackend('node-webgpu');
rows.push(await measure(`webgpu, WGSL step kernels`, true));
rows.push(await measure(`webgpu, tfjs ops`, false));
await selectBackend('wasm');
rows.push(await measure('wasm', true));
console.log(`lstmSequence training step, batch ${B} x ${T} steps, ${U} units, input ${inputSize}; webgpu: ${gpu.detail ?? gpu.name}`);
for (const r of rows) {
  console.log(
    `${r.label.padEnd(28)} ${r.ms.toFixed(0).padStart(7)} ms/step ${r.tokens.toFixed(0).padStart(7)} tok/s  loss ${r.last.toFixed(6)}  leak ${r.leak}`,
  );
}
