// The README's example, runnable: `npx tsc -p tsconfig.build.json && node examples/readme.mjs`.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { binaryCrossEntropy, train } from '@recurrent/train';

const x = tf.tensor2d([[1, 0], [0, 1], [2, 1], [1, 2]]), y = tf.tensor2d([[1], [0], [1], [0]]); // y = x0 > x1
const w = tf.variable(tf.zeros([2, 1])), b = tf.variable(tf.zeros([1]));
const model = {
  variables: [{ name: 'dense/kernel', variable: w }, { name: 'dense/bias', variable: b }],
  loss: () => binaryCrossEntropy(tf.add(tf.matMul(x, w), b), y),
};
const result = await train({
  model, data: { batchAt: () => ({}) }, steps: 100, optimizer: { name: 'adam', learningRate: 0.1 },
  checkpointDir: 'runs/readme', checkpointEvery: 50, config: { task: 'readme' },
  onProgress: (e) => e.kind === 'step' && e.step % 25 === 0 && console.log(e.step, e.loss.toFixed(4), e.gradNorm.toFixed(4)),
});
console.log(result.reason, result.checkpoint, Array.from(w.dataSync(), (v) => v.toFixed(3)));
