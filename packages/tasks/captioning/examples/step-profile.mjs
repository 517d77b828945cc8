// What one training step of the default captioning model costs, and where the time goes:
// node examples/step-profile.mjs ['{"batchSize":64}'] (after `pnpm build`; hyper-parameter
// overrides as JSON). Times the loss alone, the loss with every weight's gradient, and the
// CNN alone (forward, and forward with its gradients), 8 calls each after one to warm up, then
// lists the kernels of one step by time from tf.profile. Untrained weights: the cost is the same.
// biome-ignore-all lint/suspicious/noConsole: an example prints what it measured
import { selectBackend } from '@recurrent/backends';
import {
  captionBatchAt,
  createCaptioningModel,
  prepareCaptioningData,
  resolveCaptioningHyperParameters,
} from '@recurrent/captioning';
import { registerGradients } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';

await registerGradients();
const { name } = await selectBackend('wasm');
const hp = resolveCaptioningHyperParameters('default', JSON.parse(process.argv[2] ?? '{}'));
const data = prepareCaptioningData({ scenes: 600, validationScenes: 10, heldOutScenes: 10 }, hp);
const model = createCaptioningModel({ vocabulary: data.vocabulary, hyperParameters: hp });
const batch = captionBatchAt(data, 0, hp.batchSize, hp.seed);
const all = model.variables.map((v) => v.variable);
const cnn = model.encoder.weights.map((w) => w.variable);
const loss = () => model.loss(batch.images, batch.inputs, batch.targets, batch.mask);
const withGradients = (f, variables) => {
  const { value, grads } = tf.variableGrads(f, variables);
  value.dataSync();
  for (const g of Object.values(grads)) g.dataSync();
};
// tidy bodies return nothing: tidy walks whatever they return, a typed array element by element
const time = (label, f, calls = 8) => {
  tf.tidy(() => {
    f();
  });
  const start = performance.now();
  for (let i = 0; i < calls; i++)
    tf.tidy(() => {
      f();
    });
  console.log(
    `${label.padEnd(26)} ${((performance.now() - start) / calls).toFixed(1).padStart(7)} ms`,
  );
};
console.log(`batch ${batch.inputs.shape.join(' x ')} (images x time steps) | backend ${name}`);
time('loss', () => loss().dataSync());
time('loss + gradients', () => withGradients(loss, all));
time('cnn', () => model.encoder.encodeGrid(batch.images).dataSync());
time('cnn + its gradients', () =>
  withGradients(() => tf.sum(model.encoder.encodeGrid(batch.images)), cnn),
);
const profile = await tf.profile(() => tf.tidy(() => withGradients(loss, all)));
const byKernel = new Map();
for (const k of profile.kernels) {
  const row = byKernel.get(k.name) ?? { calls: 0, ms: 0 };
  row.calls++;
  row.ms += k.kernelTimeMs;
  byKernel.set(k.name, row);
}
const total = [...byKernel.values()].reduce((s, r) => s + r.ms, 0);
console.log(
  `one step: ${profile.kernels.length} kernels, ${total.toFixed(1)} ms in kernels; the top 10:`,
);
for (const [kernel, row] of [...byKernel].sort((a, b) => b[1].ms - a[1].ms).slice(0, 10)) {
  console.log(
    `  ${kernel.padEnd(22)} ${String(row.calls).padStart(5)} calls ${row.ms.toFixed(1).padStart(7)} ms`,
  );
}
batch.dispose();
model.dispose();
