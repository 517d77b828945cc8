/**
 * One forward and backward pass: the loss of a batch, its gradients for every model variable
 * (null where the loss does not reach one), clipped by global norm, and the pre-clip norm.
 * The caller owns and disposes the returned tensors.
 */
import * as tf from '@tensorflow/tfjs-core';
import { clipByGlobalNorm } from '../optim/clip-by-global-norm.js';
import type { LossContext, Trainable } from './trainable.js';

export interface StepGradients {
  loss: tf.Scalar;
  norm: tf.Scalar;
  /** In the order of model.variables. */
  grads: (tf.Tensor | null)[];
}

export function computeGradients<Batch>(
  model: Trainable<Batch>,
  batch: Batch,
  ctx: LossContext,
  clipNorm: number | null,
): StepGradients {
  const vars = model.variables.map((v) => v.variable);
  const { value, grads } = tf.variableGrads(() => model.loss(batch, ctx), vars);
  const raw = vars.map((v) => grads[v.name] ?? null);
  try {
    const clipped = clipByGlobalNorm(raw, clipNorm);
    return { loss: value, norm: clipped.norm, grads: clipped.grads };
  } catch (error) {
    value.dispose();
    throw error;
  } finally {
    tf.dispose(raw.filter((g): g is tf.Tensor => g !== null));
  }
}
