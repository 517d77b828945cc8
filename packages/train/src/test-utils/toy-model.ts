/**
 * A tiny seeded task for the trainer's tests: logistic regression with input dropout on a
 * synthetic, linearly separable set (64 examples, 4 features), batches of 8 chosen per epoch
 * by a seeded shuffle, so batch `step` is a pure function of the step.
 */
import { createRandom } from '@recurrent/random';
import * as tf from '@tensorflow/tfjs-core';
import type { IndexedData, Trainable } from '../loop/trainable.js';
import { binaryCrossEntropy } from '../losses/binary-cross-entropy.js';

export interface ToyBatch {
  x: tf.Tensor2D; // [8, 4]
  y: tf.Tensor2D; // [8, 1]
}

export const toyFeatures = 4;
export const toyBatchSize = 8;
const examples = 64;
const trueWeights = [1.5, -2, 0.5, 1];

function makeSet(seed: number, n: number): { xs: number[][]; ys: number[] } {
  const rng = createRandom(seed);
  const xs: number[][] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = Array.from({ length: toyFeatures }, () => rng.normal());
    xs.push(x);
    ys.push(x.reduce((s, v, k) => s + v * (trueWeights[k] as number), 0) > 0 ? 1 : 0);
  }
  return { xs, ys };
}

/** Seeded data; `poison` lists batch indices whose features are NaN. */
export function toyData(options: { seed?: number; poison?: number[] } = {}): IndexedData<ToyBatch> {
  const seed = options.seed ?? 7;
  const { xs, ys } = makeSet(seed, examples);
  const stepsPerEpoch = examples / toyBatchSize;
  const orders = new Map<number, number[]>();
  const orderOf = (epoch: number) => {
    let order = orders.get(epoch);
    if (!order) {
      order = createRandom(seed * 1000 + epoch).shuffle([...Array(examples).keys()]);
      orders.set(epoch, order);
    }
    return order;
  };
  return {
    stepsPerEpoch,
    batchAt(step) {
      const order = orderOf(Math.floor(step / stepsPerEpoch));
      const start = (step % stepsPerEpoch) * toyBatchSize;
      const idx = order.slice(start, start + toyBatchSize);
      const poisoned = options.poison?.includes(step) ?? false;
      return {
        x: tf.tensor2d(idx.map((i) => (poisoned ? xs[i]!.map(() => Number.NaN) : xs[i]!))),
        y: tf.tensor2d(idx.map((i) => [ys[i]!])),
      };
    },
  };
}

export interface ToyModel extends Trainable<ToyBatch> {
  /** Calls of resetState(), for tests. */
  resets: number;
  dispose(): void;
}

/** Logistic regression with 10% input dropout drawn from ctx.rng; weights seeded by `initSeed`. */
export function toyModel(initSeed = 1): ToyModel {
  const rng = createRandom(initSeed);
  const kernel = tf.variable(
    tf.tensor2d(Array.from({ length: toyFeatures }, () => [rng.normal() * 0.1])),
    true,
    `toy_${initSeed}_${Math.random().toString(36).slice(2)}/kernel`,
  );
  const bias = tf.variable(tf.zeros([1]), true);
  const val = makeSet(99, 32);
  const model: ToyModel = {
    variables: [
      { name: 'dense_0/kernel', variable: kernel },
      { name: 'dense_0/bias', variable: bias },
    ],
    resets: 0,
    loss(batch, ctx) {
      const keep = tf.greaterEqual(
        tf.randomUniform(batch.x.shape, 0, 1, 'float32', ctx.rng.int(2 ** 31)),
        0.1,
      ); // [8, 4]
      const x = tf.div(tf.mul(batch.x, tf.cast(keep, 'float32')), 0.9); // [8, 4]
      const logits = tf.add(tf.matMul(x, kernel), bias); // [8, 1]
      return binaryCrossEntropy(logits, batch.y);
    },
    async evaluate() {
      const [loss, acc] = tf.tidy(() => {
        const x = tf.tensor2d(val.xs);
        const y = tf.tensor2d(val.ys.map((v) => [v]));
        const logits = tf.add(tf.matMul(x, kernel), bias); // [32, 1]
        const correct = tf.equal(tf.greater(logits, 0), tf.cast(y, 'bool'));
        return [binaryCrossEntropy(logits, y), tf.mean(tf.cast(correct, 'float32'))];
      });
      const values = [(await loss!.data())[0]!, (await acc!.data())[0]!];
      tf.dispose([loss!, acc!]);
      return { valLoss: values[0]!, accuracy: values[1]! };
    },
    resetState() {
      model.resets += 1;
    },
    countBatch: () => ({ items: toyBatchSize, tokens: toyBatchSize * toyFeatures }),
    dispose() {
      tf.dispose([kernel, bias]);
    },
  };
  return model;
}
