/**
 * `x W` with a custom gradient built from untransposed matmuls and explicit transposes, as
 * `dense` in `@recurrent/cells` does: autodiff of `tf.matMul` forms `dy W^T` and `x^T dy`
 * with transposed matmuls, which tfjs-backend-wasm 4.22 runs many times slower. For weights
 * that belong to another layer (the attention decoder steps an `lstmCell`'s kernels itself).
 *
 * @example
 * const z = linear(x, cell.kernel as tf.Tensor2D); // [rows, in] x [in, out] -> [rows, out]
 */
import * as tf from '@tensorflow/tfjs-core';

const linearOp = tf.customGrad(((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, w] = args as tf.Tensor2D[];
  const save = args[2] as tf.GradSaveFunc;
  save([x!, w!]);
  return {
    value: tf.matMul(x!, w!), // [rows, out]
    gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as tf.Tensor2D[];
      return [
        tf.matMul(dy, tf.transpose(ws!)), // [rows, in]
        tf.matMul(tf.transpose(xs!), dy), // [in, out]
      ];
    },
  };
}) as Parameters<typeof tf.customGrad<tf.Tensor2D>>[0]);

export function linear(x: tf.Tensor2D, w: tf.Tensor2D): tf.Tensor2D {
  return linearOp(x, w) as tf.Tensor2D;
}
