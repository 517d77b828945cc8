/**
 * A dense (fully connected) layer `x W + b` for output heads, with a custom gradient built
 * only from untransposed matmuls. Autodiff of `tf.matMul` forms `dy W^T` and `x^T dy` with
 * transposed matmuls, which tfjs-backend-wasm 4.22 runs 10-50x slower than
 * `matMul(transpose(a), b)` (measured here: `[2048, 256]^T x [2048, 65]` ~55 ms against ~4 ms),
 * so a char-LM's softmax head would otherwise cost more than its LSTM.
 *
 * @example
 * const head = dense({ inputSize: 256, units: 93, name: 'dense_0', seed: 3 });
 * const logits = head.apply(h); // [rows, 256] -> [rows, 93]
 */
import { createRandom } from '@recurrent/random';
import * as tf from '@tensorflow/tfjs-core';
import type { NamedWeight } from './cell.js';
import { checkInteger } from './check-shape.js';
import { glorotUniform } from './glorot-uniform.js';
import { namedVariable } from './named-variable.js';

export interface DenseOptions {
  readonly inputSize: number;
  readonly units: number;
  /** Weight names `<name>/kernel`, `<name>/bias`. */
  readonly name?: string;
  /** Seed of the glorot-uniform kernel. */
  readonly seed?: number;
}

export const denseDefaults = Object.freeze({
  name: 'dense_0', // Keras' name for the first dense layer
  seed: 0, // the same kernel on every run unless another seed is asked for
});

export interface Dense {
  readonly name: string;
  readonly kernel: tf.Variable; // [inputSize, units]
  readonly bias: tf.Variable; // [units]
  readonly weights: readonly NamedWeight[];
  /** `[rows, inputSize]` -> `[rows, units]`. */
  apply(x: tf.Tensor2D): tf.Tensor2D;
}

const denseOp = tf.customGrad(((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, w, b] = args as tf.Tensor2D[];
  const save = args[3] as tf.GradSaveFunc;
  save([x!, w!]);
  return {
    value: tf.add(tf.matMul(x!, w!), b!), // [rows, units]
    gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as tf.Tensor2D[];
      return [
        tf.matMul(dy, tf.transpose(ws!)), // [rows, inputSize]
        tf.matMul(tf.transpose(xs!), dy), // [inputSize, units]
        tf.reshape(tf.matMul(tf.ones([1, dy.shape[0]]), dy), [dy.shape[1]]), // [units]: a matmul beats tf.sum(dy, 0) on wasm
      ];
    },
  };
}) as Parameters<typeof tf.customGrad<tf.Tensor2D>>[0]);

export function dense(options: DenseOptions): Dense {
  const o = { ...denseDefaults, ...options };
  checkInteger('dense', 'inputSize', o.inputSize, 1);
  checkInteger('dense', 'units', o.units, 1);
  const kernel = namedVariable(
    `${o.name}/kernel`,
    glorotUniform(createRandom(o.seed), o.inputSize, o.units),
    [o.inputSize, o.units],
  );
  const bias = namedVariable(`${o.name}/bias`, new Float32Array(o.units), [o.units]);
  return {
    name: o.name,
    kernel: kernel.variable,
    bias: bias.variable,
    weights: [kernel, bias],
    apply: (x) => denseOp(x, kernel.variable, bias.variable) as tf.Tensor2D,
  };
}
