// Training-step time of the fused layers (lstmSequence, gruSequence, rnnSequence) on webgpu
// with our WGSL step kernels, with tfjs' own ops (webgpuKernels: false), and on wasm, in one
// run. After `pnpm build`:
//   EGL_PLATFORM=surfaceless node examples/webgpu-steps.mjs [batch] [time] [units] [steps] [layers]
// layers: a comma list of lstm, gru (resetAfter), gru-before (resetAfter: false), rnn; default
// lstm,gru,rnn. In Node, webgpu is the node-webgpu adapter (Dawn; without a GPU, Mesa's
// llvmpipe: software).
// biome-ignore-all lint/suspicious/noConsole: an example prints what it measured
import { selectBackend } from '@recurrent/backends';
import { gruSequence, lstmSequence, rnnSequence } from '@recurrent/cells';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers'; // its Node bundle registers tfjs-core's gradients

const args = process.argv.slice(2);
const [batch, time, units, steps] = args.slice(0, 4).map(Number);
const B = batch || 16;
const T = time || 32;
const U = units || 128;
const N = steps || 5;
const inputSize = 64;

// Each layer: its fused path, gate blocks and bias shape.
const layers = {
  lstm: { name: 'lstmSequence', run: lstmSequence, gates: 4, bias: [4 * U] },
  gru: { name: 'gruSequence (resetAfter)', run: gruSequence, gates: 3, bias: [2, 3 * U] },
  'gru-before': {
    name: 'gruSequence (resetAfter: false)',
    run: (x, w, o) => gruSequence(x, w, { ...o, resetAfter: false }),
    gates: 3,
    bias: [3 * U],
  },
  rnn: { name: 'rnnSequence (tanh)', run: rnnSequence, gates: 1, bias: [U] },
};
const chosen = (args[4] ?? 'lstm,gru,rnn').split(',');
for (const k of chosen) {
  if (!(k in layers)) {
    throw new Error(`Unknown layer "${k}". Available: ${Object.keys(layers).join(', ')}.`);
  }
}

async function measure(layer, label, webgpuKernels) {
  const { run, gates, bias } = layer;
  const w = {
    kernel: tf.variable(tf.randomNormal([inputSize, gates * U], 0, 0.1, 'float32', 1)),
    recurrentKernel: tf.variable(tf.randomNormal([U, gates * U], 0, 0.1, 'float32', 2)),
    bias: tf.variable(tf.zeros(bias)),
  };
  const x = tf.randomNormal([B, T, inputSize], 0, 1, 'float32', 3);
  const vars = [w.kernel, w.recurrentKernel, w.bias];
  const step = async () => {
    const loss = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(
        () => tf.mean(tf.square(run(x, w, { returnSequences: true, webgpuKernels }).sequence)),
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

const rows = new Map(chosen.map((k) => [k, []]));
const gpu = await selectBackend('node-webgpu');
for (const k of chosen) {
  rows.get(k).push(await measure(layers[k], 'webgpu, WGSL step kernels', true));
  rows.get(k).push(await measure(layers[k], 'webgpu, tfjs ops', false));
}
await selectBackend('wasm');
for (const k of chosen) rows.get(k).push(await measure(layers[k], 'wasm', true));
console.log(
  `training step, batch ${B} x ${T} steps, ${U} units, input ${inputSize}; webgpu: ${gpu.detail ?? gpu.name}`,
);
for (const k of chosen) {
  console.log(layers[k].name);
  for (const r of rows.get(k)) {
    console.log(
      `  ${r.label.padEnd(28)} ${r.ms.toFixed(0).padStart(7)} ms/step ${r.tokens.toFixed(0).padStart(7)} tok/s  loss ${r.last.toFixed(6)}  leak ${r.leak}`,
    );
  }
}
