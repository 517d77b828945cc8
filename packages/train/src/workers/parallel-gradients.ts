/**
 * The data-parallel counterpart of loop/compute-gradients.ts: the workers compute their
 * shards' gradients, the pool combines them in worker order, and the main thread clips them
 * by global norm, as one thread would for the whole batch. Returns tensors the caller owns.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { StepGradients } from '../loop/compute-gradients.js';
import type { LossContext, Trainable } from '../loop/trainable.js';
import { clipByGlobalNorm } from '../optim/clip-by-global-norm.js';
import type { DataParallel } from './data-parallel.js';

export async function parallelGradients<Batch>(
  parallel: DataParallel<Batch>,
  model: Trainable<Batch>,
  batch: Batch,
  ctx: LossContext,
  clipNorm: number | null,
): Promise<StepGradients> {
  const combined = await parallel.pool.step(parallel.shard(batch, ctx));
  const raw = combined.grads.map((g, i) =>
    g === null ? null : tf.tensor(g, model.variables[i]?.variable.shape),
  ); // each the shape of its variable
  try {
    const clipped = clipByGlobalNorm(raw, clipNorm);
    return { loss: tf.scalar(combined.loss), norm: clipped.norm, grads: clipped.grads };
  } finally {
    tf.dispose(raw.filter((g): g is tf.Tensor => g !== null));
  }
}
