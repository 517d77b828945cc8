/**
 * Additive (Bahdanau) soft attention, as Show, Attend and Tell (Xu et al. 2015) uses it over
 * a CNN's grid: for values `a_i` (one per grid cell) and a query `h` (the decoder's state),
 *
 *   e_i = v . tanh(U a_i + W h + b);  alpha = softmax(e);  context = sum_i alpha_i a_i
 *
 * `U a_i` does not change while one caption is written, so `keysOf` computes it once per
 * image and `attend` reads it at every step. Everything is element-wise products and sums
 * plus `dense` layers (whose gradient uses untransposed matmuls): no batched or transposed
 * matmul, which tfjs-backend-wasm 4.22 runs slowly. Weights: `<name>/keys/...`,
 * `<name>/query/...`, `<name>/score`.
 *
 * @example
 * const attention = additiveAttention({ valueSize: 128, querySize: 128, size: 64, seed: 1 });
 * const keys = attention.keysOf(values); // [batch, cells, 128] -> [batch, cells, 64]
 * const { context, weights } = attention.attend(keys, values, h); // [batch, 128], [batch, cells]
 */
import { dense, type NamedWeight } from '@recurrent/cells';
import { createRandom } from '@recurrent/random';
import * as tf from '@tensorflow/tfjs-core';

export interface AdditiveAttentionOptions {
  /** Width of each value `a_i`. */
  readonly valueSize: number;
  /** Width of the query `h`. */
  readonly querySize: number;
  /** Width of the hidden layer the score is read from. */
  readonly size: number;
  readonly name?: string;
  readonly seed?: number;
}

export const additiveAttentionDefaults = Object.freeze({
  name: 'attention', // weight names attention/keys/kernel, ...
  seed: 0, // the same weights on every run unless another seed is asked for
});

export interface AttentionResult {
  /** `sum_i alpha_i a_i`: `[batch, valueSize]`. */
  readonly context: tf.Tensor2D;
  /** `alpha`: `[batch, cells]`, each row sums to 1. */
  readonly weights: tf.Tensor2D;
}

export interface AdditiveAttention {
  readonly weights: readonly NamedWeight[];
  readonly size: number;
  /** Values `[batch, cells, valueSize]` -> keys `U a_i` `[batch, cells, size]`. */
  keysOf(values: tf.Tensor3D): tf.Tensor3D;
  /** Keys `[batch, cells, size]`, values `[batch, cells, valueSize]`, query `[batch, querySize]`. */
  attend(keys: tf.Tensor3D, values: tf.Tensor3D, query: tf.Tensor2D): AttentionResult;
}

export function additiveAttention(options: AdditiveAttentionOptions): AdditiveAttention {
  const o = { ...additiveAttentionDefaults, ...options };
  const keys = dense({
    inputSize: o.valueSize,
    units: o.size,
    name: `${o.name}/keys`,
    seed: o.seed,
  });
  const query = dense({
    inputSize: o.querySize,
    units: o.size,
    name: `${o.name}/query`,
    seed: o.seed + 1,
  });
  // v: uniform in +-1/sqrt(size), so the first scores are small and the first attention near uniform
  const rng = createRandom(o.seed + 2);
  const limit = 1 / Math.sqrt(o.size);
  const initial = tf.tensor1d(
    Float32Array.from({ length: o.size }, () => (2 * rng.next() - 1) * limit),
  );
  const score = tf.variable(initial); // [size]
  initial.dispose();
  const weights: NamedWeight[] = [
    ...keys.weights,
    ...query.weights,
    { name: `${o.name}/score`, variable: score },
  ];
  return {
    weights,
    size: o.size,
    keysOf(values) {
      return tf.tidy(() => {
        const [batch, cells, width] = values.shape;
        const rows = tf.reshape(values, [batch * cells, width]) as tf.Tensor2D; // [batch*cells, valueSize]
        return tf.reshape(keys.apply(rows), [batch, cells, o.size]) as tf.Tensor3D; // [batch, cells, size]
      });
    },
    attend(k, values, h) {
      return tf.tidy(() => {
        const q = tf.expandDims(query.apply(h), 1); // [batch, 1, size]
        const hidden = tf.tanh(tf.add(k, q)); // [batch, cells, size]
        const e = tf.sum(tf.mul(hidden, score), 2) as tf.Tensor2D; // [batch, cells]
        const alpha = tf.softmax(e) as tf.Tensor2D; // [batch, cells], rows sum to 1
        const context = tf.sum(tf.mul(tf.expandDims(alpha, 2), values), 1) as tf.Tensor2D; // [batch, valueSize]
        return { context, weights: alpha };
      }) as unknown as AttentionResult;
    },
  };
}
