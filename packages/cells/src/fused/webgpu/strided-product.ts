/**
 * The recurrent matmul of a fused WebGPU step in one dispatch: `a[:, :K] b` for a packed
 * record `a` `[rows, width]` whose first `K` columns are the operand (h in a forward
 * record, dz in a backward one) and `b` `[K, n]`. Reading the columns in place saves the
 * slice that tfjs' own MatMul would need first (a slice is a copy on tfjs-backend-webgpu 4.22).
 * One invocation per output element; consecutive invocations read consecutive columns of `b`.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { requireWebgpu, runProgram, stepProgram } from './webgpu-program.js';

const body = `
  if (index >= uniforms.aShape.x * uniforms.bShape.y) { return; }
  let n = uniforms.bShape.y;
  let row = index / n;
  let col = index - row * n;
  let k = uniforms.bShape.x;
  let base = row * uniforms.aShape.y;
  var acc = 0.0;
  for (var i = 0; i < k; i++) {
    acc = acc + A[base + i] * B[i * n + col];
  }
  setOutputAtIndex(index, acc);`;

/** `a[:, :K] b` `[rows, n]` for `a` `[rows, width >= K]`, `b` `[K, n]`, on the active webgpu backend. */
export function stridedProduct(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  const backend = requireWebgpu('stridedProduct');
  const [rows] = a.shape;
  const n = b.shape[1];
  const program = stepProgram('recurrentStridedProduct', ['A', 'B'], [rows, n], rows * n, body);
  return runProgram(backend, program, [a, b]) as tf.Tensor2D; // [rows, n]
}
