/**
 * A trainable embedding table `[vocabSize, dim]` that looks token ids up: `[batch, time]`
 * int32 ids -> `[batch, time, dim]`. With `maskZero`, id 0 is padding and `apply` also
 * returns the mask `ids != 0` (`[batch, time]` float32, 1 = real step).
 *
 * Training works on every backend. `tf.gather`'s own gradient needs the
 * `UnsortedSegmentSum` kernel, which the wasm backend does not register (training
 * tfjs-layers' embedding there fails with "Kernel 'UnsortedSegmentSum' not registered for
 * backend 'wasm'"). Our lookup carries a `tf.customGrad` whose backward pass uses kernels
 * that cpu, wasm, webgl and webgpu all have:
 * - `'scatter'` (default): `dTable = scatterND(ids, dy, [vocabSize, dim])`, which sums the
 *   rows of repeated ids; O(tokens * dim).
 * - `'oneHotMatMul'`: `dTable = oneHot(ids)^T dy`, one matmul per chunk of tokens (chunks
 *   keep the one-hot block under `chunkElements` numbers); O(tokens * vocabSize * dim).
 */
import { ShapeError } from '@recurrent/errors';
import { createRandom } from '@recurrent/random';
import * as tf from '@tensorflow/tfjs-core';
import type { NamedWeight } from './cell.js';
import { checkChoice, checkInteger } from './check-shape.js';
import { uniform } from './glorot-uniform.js';
import { namedVariable } from './named-variable.js';

export type EmbeddingGradient = 'scatter' | 'oneHotMatMul';

/** `'uniform'`: Keras' uniform in [-0.05, 0.05]; `'normal'`: PyTorch's `nn.Embedding`, N(0, 1). */
export type EmbeddingInitializer = 'uniform' | 'normal';

export interface EmbeddingOptions {
  readonly vocabSize: number;
  readonly dim: number;
  /** Treat id 0 as padding and return the mask `ids != 0`. */
  readonly maskZero?: boolean;
  /** Weight name prefix: `<name>/embeddings`. */
  readonly name?: string;
  /** Seed of the initialiser (through `@recurrent/random`). */
  readonly seed?: number;
  /** How the table's gradient is formed (both run on every backend). */
  readonly gradient?: EmbeddingGradient;
  /** How the table is drawn: 'uniform' (Keras, +-0.05) or 'normal' (PyTorch, N(0, 1)). */
  readonly initializer?: EmbeddingInitializer;
}

export const embeddingDefaults = Object.freeze({
  maskZero: false, // id 0 is an ordinary token unless the data reserves it for padding
  name: 'embedding_0', // stable weight name `embedding_0/embeddings`, as Keras names it
  seed: 0, // the same table on every run unless another seed is asked for
  gradient: 'scatter' as EmbeddingGradient, // linear in tokens; oneHotMatMul is the fallback
  initializer: 'uniform' as EmbeddingInitializer, // Keras' table, so Keras models import as they trained
  initLimit: 0.05, // Keras' embedding initialiser: uniform in [-0.05, 0.05]
  chunkElements: 1 << 22, // 4M floats (16 MB) of one-hot per matmul in 'oneHotMatMul'
});

export interface EmbeddingResult {
  readonly output: tf.Tensor; // [...ids.shape, dim]
  /** Only with `maskZero`: `ids != 0` as float32, `ids.shape`. */
  readonly mask?: tf.Tensor;
}

export interface Embedding {
  readonly name: string;
  readonly vocabSize: number;
  readonly dim: number;
  readonly maskZero: boolean;
  readonly table: tf.Variable; // [vocabSize, dim]
  readonly weights: readonly NamedWeight[];
  /** Looks `ids` (int32, any rank, usually `[batch, time]`) up in the table. */
  apply(ids: tf.Tensor): EmbeddingResult;
}

/** `dTable` `[vocab, dim]` from `dy` `[tokens, dim]` and flat `ids` `[tokens]`. */
function tableGradient(
  ids: tf.Tensor1D,
  dy: tf.Tensor2D,
  vocabSize: number,
  method: EmbeddingGradient,
): tf.Tensor2D {
  const dim = dy.shape[1];
  if (method === 'scatter') {
    return tf.scatterND(tf.expandDims(ids, 1), dy, [vocabSize, dim]) as tf.Tensor2D; // [vocab, dim]
  }
  const tokens = ids.shape[0];
  const chunk = Math.max(1, Math.floor(embeddingDefaults.chunkElements / vocabSize));
  let total: tf.Tensor2D = tf.zeros([vocabSize, dim]);
  for (let start = 0; start < tokens; start += chunk) {
    const size = Math.min(chunk, tokens - start);
    const next = tf.tidy(() => {
      // int32 then cast: wasm's OneHot kernel (tfjs 4.22) writes integer bits into float32 output.
      const hot = tf.cast(tf.oneHot(tf.slice(ids, start, size), vocabSize), 'float32'); // [size, vocab]
      const part = tf.matMul(hot, tf.slice(dy, [start, 0], [size, dim]), true, false); // [vocab, dim]
      return tf.add(total, part) as tf.Tensor2D;
    });
    total.dispose();
    total = next;
  }
  return total;
}

/**
 * @example
 * const emb = embedding({ vocabSize: 100, dim: 8, maskZero: true });
 * const { output, mask } = emb.apply(tf.tensor2d([[5, 7, 0]], [1, 3], 'int32')); // [1, 3, 8], [1, 3]
 */
export function embedding(options: EmbeddingOptions): Embedding {
  const who = 'embedding';
  const o = { ...embeddingDefaults, ...options };
  const vocabSize = checkInteger(who, 'vocabSize', o.vocabSize, 2);
  const dim = checkInteger(who, 'dim', o.dim, 1);
  const method = checkChoice(who, 'gradient', o.gradient, ['scatter', 'oneHotMatMul'] as const);
  const init = checkChoice(who, 'initializer', o.initializer, ['uniform', 'normal'] as const);
  const rng = createRandom(o.seed);
  const values =
    init === 'uniform'
      ? uniform(rng, vocabSize * dim, o.initLimit)
      : Float32Array.from({ length: vocabSize * dim }, () => rng.normal()); // N(0, 1)
  const table = namedVariable(`${o.name}/embeddings`, values, [vocabSize, dim]);

  const lookup = (flatIds: tf.Tensor1D) =>
    tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [t, save] = args as [tf.Tensor, tf.GradSaveFunc];
      save([flatIds]); // kept by the engine for the backward pass
      return {
        value: tf.gather(t, flatIds) as tf.Tensor2D, // [tokens, dim]
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
          tableGradient(saved[0] as tf.Tensor1D, dy as tf.Tensor2D, vocabSize, method),
      };
    });

  return Object.freeze({
    name: o.name,
    vocabSize,
    dim,
    maskZero: o.maskZero,
    table: table.variable,
    weights: Object.freeze([table]),
    apply(ids: tf.Tensor): EmbeddingResult {
      if (ids?.dtype !== 'int32') {
        throw new ShapeError(
          `${who}.apply: expected int32 token ids, got ${ids ? `dtype ${ids.dtype}` : String(ids)}. Create them with tf.tensor2d(ids, [batch, time], 'int32').`,
        );
      }
      return tf.tidy(() => {
        const flatIds = tf.reshape(ids, [-1]) as tf.Tensor1D; // [tokens]
        const rows = lookup(flatIds)(table.variable) as tf.Tensor2D; // [tokens, dim]
        const output = tf.reshape(rows, [...ids.shape, dim]); // [...ids.shape, dim]
        if (!o.maskZero) return { output };
        return { output, mask: tf.cast(tf.notEqual(ids, 0), 'float32') }; // [...ids.shape]
      }) as EmbeddingResult;
    },
  });
}
