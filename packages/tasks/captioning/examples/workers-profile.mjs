// Where the time of a data-parallel captioning step goes: node examples/workers-profile.mjs
// ['{"batchSize":64}'] (after `pnpm --filter @recurrent/captioning build`; hyper-parameter
// overrides as JSON). For the default model it times, per step (median of 10 after 3 to warm
// up), wall-clock and CPU time of this process (every thread): the loss with its gradients on
// this thread for the whole batch and for half of it (what each of 2 workers computes), then
// through the worker pool on 1 and 2 workers: cutting the batch (shard: reading the tensors,
// copying the rows), the round trip of pool.step (message with the pixels, the workers' loss
// and gradients, the sum over shared memory), and the weight broadcast (publish + each worker's
// load). Untrained weights: the cost is the same.
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
import { startCaptioningWorkers } from '../dist/captioning-workers.js';

await registerGradients();
const { name } = await selectBackend('wasm');
const setup = { module: new URL('../src/test-worker-setup.mjs', import.meta.url).href };
const hp = resolveCaptioningHyperParameters('default', JSON.parse(process.argv[2] ?? '{}'));
const data = prepareCaptioningData({ scenes: 600, validationScenes: 10, heldOutScenes: 10 }, hp);
const model = createCaptioningModel({ vocabulary: data.vocabulary, hyperParameters: hp });
const all = model.variables.map((v) => v.variable);
const batchAt = (step, rows = hp.batchSize) =>
  captionBatchAt(data, step, rows, hp.seed, hp.wordDropout);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** Median wall and CPU ms of f(step) over 10 steps after 3 to warm up. */
async function time(label, f) {
  const wall = [];
  const cpu = [];
  for (let step = 0; step < 13; step++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await f(step);
    const t1 = performance.now();
    const c = process.cpuUsage(c0);
    if (step >= 3) {
      wall.push(t1 - t0);
      cpu.push((c.user + c.system) / 1000);
    }
  }
  const [w, c] = [median(wall), median(cpu)];
  console.log(
    `${label.padEnd(44)} ${w.toFixed(1).padStart(7)} ms wall ${c.toFixed(1).padStart(7)} ms cpu`,
  );
  return w;
}
const gradients = (batch) =>
  tf.tidy(() => {
    const { value, grads } = tf.variableGrads(
      () => model.loss(batch.images, batch.inputs, batch.targets, batch.mask),
      all,
    );
    value.dataSync();
    for (const g of Object.values(grads)) g.dataSync();
  });
const once = (rows) => async (step) => {
  const batch = batchAt(step, rows);
  gradients(batch);
  batch.dispose();
};

const params = all.reduce((s, v) => s + v.size, 0);
console.log(
  `batch ${hp.batchSize} images of ${hp.imageSize} x ${hp.imageSize} | ${params.toLocaleString('en-US')} weights | backend ${name} | load ${(
    await import('node:os')
  )
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
await time(`this thread: loss + gradients, ${hp.batchSize} images`, once(hp.batchSize));
await time(`this thread: loss + gradients, ${hp.batchSize / 2} images`, once(hp.batchSize / 2));
for (const n of [1, 2]) {
  const workers = await startCaptioningWorkers(model, n, setup);
  const ctx = { training: true, rng: null };
  try {
    let shards = [];
    await time(`${n} worker${n > 1 ? 's' : ''}: shard (read + cut the batch)`, (step) => {
      const batch = batchAt(step);
      shards = workers.dataParallel.shard(batch, { ...ctx, step });
      batch.dispose();
    });
    await time(`${n} worker${n > 1 ? 's' : ''}: pool.step round trip`, () =>
      workers.pool.step(shards),
    );
    await time(`${n} worker${n > 1 ? 's' : ''}: weight broadcast + an empty call`, async () => {
      workers.pool.weightsChanged();
      await workers.pool.numTensors();
    });
    await time(`${n} worker${n > 1 ? 's' : ''}: an empty call`, () => workers.pool.numTensors());
  } finally {
    await workers.close();
  }
}
model.dispose();
