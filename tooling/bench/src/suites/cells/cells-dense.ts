/**
 * The dense head of our benchmark models, `x W + b`, with a custom gradient that uses only
 * untransposed matmuls. Autodiff of `tf.matMul` forms `dy W^T` and `x^T dy` with transposed
 * matmuls, which tfjs-backend-wasm 4.22 runs 10-50x slower than `matMul(transpose(a), b)`
 * (measured here: `[2048,256]^T x [2048,65]` ~55 ms against ~4 ms).
 */
import * as tf from '@tensorflow/tfjs-core';

export interface Dense {
  readonly kernel: tf.Variable; // [in, out]
  readonly bias: tf.Variable; // [out]
  apply(x: tf.Tensor2D): tf.Tensor2D; // [rows, in] -> [rows, out]
}

const denseOp = tf.customGrad(((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, w, b] = args as tf.Tensor2D[];
  const save = args[3] as tf.GradSaveFunc;
  save([x!, w!]);
  return {
    value: tf.add(tf.matMul(x!, w!), b!),
    gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as tf.Tensor2D[];
      return [
        tf.matMul(dy, tf.transpose(ws!)), // [rows, in]
        tf.matMul(tf.transpose(xs!), dy), // [in, out]
        tf.reshape(tf.matMul(tf.ones([1, dy.shape[0]]), dy), [dy.shape[1]]), // [out]
      ];
    },
  };
}) as Parameters<typeof tf.customGrad<tf.Tensor2D>>[0]);

/** A glorot-uniform dense layer (as tf.layers.dense initialises it), seeded. */
export function dense(inputSize: number, units: number, seed: number): Dense {
  const limit = Math.sqrt(6 / (inputSize + units));
  const kernel = tf.variable(tf.randomUniform([inputSize, units], -limit, limit, 'float32', seed));
  const bias = tf.variable(tf.zeros([units]));
  return { kernel, bias, apply: (x) => denseOp(x, kernel, bias) as tf.Tensor2D };
}
