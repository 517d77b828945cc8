// The toy model of toy-model.ts as a data-parallel ShardWorker (plain JS: worker threads load
// built files). A shard is rows [from, to) of the batch; the dropout mask is drawn for the
// whole batch from the step's seed and cut to those rows, so N workers compute the one-thread
// loss. `fail: 'throw' | 'exit'` makes this worker fail its step (for the failure tests).
import * as tf from '@tensorflow/tfjs-core';
import { binaryCrossEntropy } from '../../dist/index.js';

export function createShardWorker() {
  const kernel = tf.variable(tf.zeros([4, 1]), true);
  const bias = tf.variable(tf.zeros([1]), true);
  return {
    variables: [
      { name: 'dense_0/kernel', variable: kernel },
      { name: 'dense_0/bias', variable: bias },
    ],
    loss(shard) {
      if (shard.fail === 'throw') throw new Error(`toy worker refused step ${shard.step}`);
      if (shard.fail === 'exit') process.exit(3);
      const rows = shard.to - shard.from;
      const x = tf.tensor2d(shard.x, [rows, 4]); // [rows, 4]
      const y = tf.tensor2d(shard.y, [rows, 1]); // [rows, 1]
      const mask = tf.slice(
        tf.randomUniform([shard.batch, 4], 0, 1, 'float32', shard.seed),
        [shard.from, 0],
        [rows, 4],
      ); // [rows, 4]
      const keep = tf.cast(tf.greaterEqual(mask, 0.1), 'float32');
      const logits = tf.add(tf.matMul(tf.div(tf.mul(x, keep), 0.9), kernel), bias); // [rows, 1]
      return { loss: binaryCrossEntropy(logits, y), examples: rows };
    },
    async handle(method, payload) {
      if (method === 'sum-weights') return tf.sum(kernel).dataSync()[0] + payload;
      throw new Error(`unknown method ${method}`);
    },
  };
}
