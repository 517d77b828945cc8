// A training process for the SIGKILL test: plain Node, the BUILT package (dist/), a tiny
// seeded logistic regression, a checkpoint after every step. Prints each progress event as
// one JSON line on stdout.
// Usage: node sigkill-child.mjs <runDir> <steps>
import '@tensorflow/tfjs-backend-cpu';
import { createRandom } from '@recurrent/random';
import * as tf from '@tensorflow/tfjs-core';
import { binaryCrossEntropy, train } from '../../dist/index.js';

const [runDir, steps] = process.argv.slice(2);
await tf.setBackend('cpu');

const features = 4;
const batchSize = 8;
const dataRng = createRandom(7);
const xs = Array.from({ length: 64 }, () =>
  Array.from({ length: features }, () => dataRng.normal()),
);
const ys = xs.map((x) => (1.5 * x[0] - 2 * x[1] + 0.5 * x[2] + x[3] > 0 ? 1 : 0));

const data = {
  stepsPerEpoch: 8,
  batchAt(step) {
    const order = createRandom(1000 + Math.floor(step / 8)).shuffle([...Array(64).keys()]);
    const idx = order.slice((step % 8) * batchSize, (step % 8) * batchSize + batchSize);
    return { x: tf.tensor2d(idx.map((i) => xs[i])), y: tf.tensor2d(idx.map((i) => [ys[i]])) };
  },
};

const init = createRandom(1); // replaced by the checkpoint on resume
const kernel = tf.variable(
  tf.tensor2d(Array.from({ length: features }, () => [init.normal() * 0.1])),
);
const bias = tf.variable(tf.zeros([1]));
const model = {
  variables: [
    { name: 'dense_0/kernel', variable: kernel },
    { name: 'dense_0/bias', variable: bias },
  ],
  loss(batch, ctx) {
    const keep = tf.greaterEqual(
      tf.randomUniform(batch.x.shape, 0, 1, 'float32', ctx.rng.int(2 ** 31)),
      0.1,
    );
    const x = tf.div(tf.mul(batch.x, tf.cast(keep, 'float32')), 0.9); // [8, 4] input dropout
    return binaryCrossEntropy(tf.add(tf.matMul(x, kernel), bias), batch.y);
  },
  async evaluate() {
    return { valLoss: 0 }; // constant: best/ is written once, latest/ every step
  },
};

await train({
  model,
  data,
  steps: Number(steps),
  seed: 3,
  optimizer: { name: 'adam', learningRate: 0.05 },
  evalEvery: 1,
  checkpointEvery: 1,
  checkpointDir: runDir,
  bestMetric: { metric: 'valLoss', mode: 'min' },
  config: { task: 'sigkill-test', hyperParameters: { features } },
  resume: true,
  onProgress: (e) => process.stdout.write(`${JSON.stringify(e)}\n`),
});
