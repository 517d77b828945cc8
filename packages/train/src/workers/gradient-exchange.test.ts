import '@tensorflow/tfjs-backend-cpu';
import { ShapeError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerGradients } from '../loop/register-gradients.js';
import {
  combineShardGradients,
  createGradientExchange,
  openGradientExchange,
  type ShardGradients,
  writeShardGradients,
} from './gradient-exchange.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await registerGradients();
});

/** A linear model's mean squared error over rows [from, to) of x, y; `unused` is never reached. */
function shardGradients(
  w: tf.Variable,
  b: tf.Variable,
  unused: tf.Variable,
  x: tf.Tensor2D,
  y: tf.Tensor2D,
  from: number,
  to: number,
) {
  let shard: ShardGradients | null = null;
  tf.tidy(() => {
    const xs = tf.slice(x, [from, 0], [to - from, -1]); // [n, 3]
    const ys = tf.slice(y, [from, 0], [to - from, -1]); // [n, 2]
    const { value, grads } = tf.variableGrads(
      () => tf.mean(tf.square(tf.sub(tf.add(tf.matMul(xs, w), b), ys))) as tf.Scalar,
      [w, b, unused],
    );
    shard = {
      loss: value.dataSync()[0] as number,
      examples: to - from,
      grads: [w, b, unused].map((v) => {
        const g = grads[v.name];
        return g === undefined ? null : (g.dataSync() as Float32Array);
      }),
    };
  });
  return shard as unknown as ShardGradients;
}

describe('gradient exchange', () => {
  it('combines shard gradients into the whole batch gradient, in a fixed order, tensors flat', () => {
    const w = tf.variable(tf.randomNormal([3, 2], 0, 1, 'float32', 1)); // [3, 2]
    const b = tf.variable(tf.randomNormal([2], 0, 1, 'float32', 2)); // [2]
    const unused = tf.variable(tf.zeros([4])); // [4]
    const x = tf.randomNormal([8, 3], 0, 1, 'float32', 3) as tf.Tensor2D; // [8, 3]
    const y = tf.randomNormal([8, 2], 0, 1, 'float32', 4) as tf.Tensor2D; // [8, 2]
    const whole = shardGradients(w, b, unused, x, y, 0, 8);
    const exchange = createGradientExchange(3, [6, 2, 4]);
    const before = tf.memory().numTensors;
    let first: ReturnType<typeof combineShardGradients> | null = null;
    for (let step = 0; step < 50; step++) {
      // Uneven contiguous shards: 3, 4 and 1 examples.
      writeShardGradients(exchange, 0, shardGradients(w, b, unused, x, y, 0, 3));
      writeShardGradients(exchange, 1, shardGradients(w, b, unused, x, y, 3, 7));
      writeShardGradients(exchange, 2, shardGradients(w, b, unused, x, y, 7, 8));
      const combined = combineShardGradients(exchange);
      if (first === null) first = combined;
      else expect(combined).toEqual(first); // bit for bit: the order is fixed
    }
    expect(tf.memory().numTensors).toBe(before);
    const combined = first as ReturnType<typeof combineShardGradients>;
    expect(combined.examples).toBe(8);
    expect(Math.abs(combined.loss - whole.loss)).toBeLessThan(1e-6);
    expect(combined.grads[2]).toBeNull();
    for (const i of [0, 1]) {
      const got = combined.grads[i] as Float32Array;
      const want = whole.grads[i] as Float32Array;
      expect(got.length).toBe(want.length);
      const worst = got.reduce((m, g, j) => Math.max(m, Math.abs(g - (want[j] as number))), 0);
      expect(worst).toBeLessThan(1e-6);
    }
    tf.dispose([w, b, unused, x, y]);
  });

  it('a worker opens the same buffer with the same layout; a mismatched model is an error', () => {
    const main = createGradientExchange(2, [3, 1]);
    const worker = openGradientExchange(main.buffer, 2, [3, 1]);
    writeShardGradients(worker, 1, {
      loss: 2,
      examples: 1,
      grads: [new Float32Array([1, 2, 3]), null],
    });
    writeShardGradients(worker, 0, {
      loss: 4,
      examples: 3,
      grads: [new Float32Array([5, 6, 7]), null],
    });
    const combined = combineShardGradients(main);
    expect(combined.loss).toBeCloseTo(3.5, 12);
    expect(Array.from(combined.grads[0] as Float32Array)).toEqual([4, 5, 6]);
    expect(combined.grads[1]).toBeNull();
    expect(() => openGradientExchange(main.buffer, 2, [3, 2])).toThrow(ShapeError);
    expect(() =>
      writeShardGradients(worker, 0, { loss: 1, examples: 1, grads: [new Float32Array(2), null] }),
    ).toThrow(/variable 0: expected 3 gradient elements, received 2/);
    expect(() =>
      writeShardGradients(worker, 2, { loss: 1, examples: 1, grads: [null, null] }),
    ).toThrow(/worker index in \[0, 1\], received 2/);
    expect(() => createGradientExchange(0, [1])).toThrow(/integer >= 1, received 0/);
    expect(() => combineShardGradients(createGradientExchange(2, [1]))).toThrow(
      /at least one example, received 0/,
    );
  });
});
