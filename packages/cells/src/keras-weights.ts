/**
 * Weights as a list in the order tfjs-layers' (and Keras') `layer.getWeights()` returns
 * them, so they move with `layer.setWeights(list)`: per cell `[kernel, recurrent_kernel,
 * bias]` (our layout is theirs); a bidirectional pair lists the forward cell then the
 * backward one (`tf.layers.bidirectional`); a stack lists its layers in order (a
 * `tf.sequential` of RNN layers). tfjs-layers' GRU has no `resetAfter`, so it loads only
 * `resetAfter: false` GRUs; Keras (Python) loads both.
 */
import { ShapeError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import type { Cell } from './cell.js';

/** Copies of the weights in tfjs-layers/Keras order (the caller disposes them). */
export function toKerasWeights(model: Cell): tf.Tensor[] {
  return model.weights.map((w) => tf.clone(w.variable));
}

/** Assigns a tfjs-layers/Keras weight list (e.g. `layer.getWeights()`) to the model. */
export function fromKerasWeights(model: Cell, weights: readonly tf.Tensor[]): void {
  const who = 'fromKerasWeights';
  if (!Array.isArray(weights) || weights.length !== model.weights.length) {
    throw new ShapeError(
      `${who}: expected ${model.weights.length} tensors (${model.weights.map((w) => w.name).join(', ')}), got ${Array.isArray(weights) ? weights.length : typeof weights}. Pass layer.getWeights() of a layer with the same structure.`,
    );
  }
  model.weights.forEach((w, i) => {
    const t = weights[i]!;
    if (t.shape.join(',') !== w.variable.shape.join(',')) {
      throw new ShapeError(
        `${who}: expected tensor ${i} ("${w.name}") of shape [${w.variable.shape.join(', ')}], got [${t.shape.join(', ')}]. tfjs-layers' GRU matches only gruCell({ resetAfter: false }).`,
      );
    }
  });
  tf.tidy(() => {
    model.weights.forEach((w, i) => {
      w.variable.assign(tf.cast(weights[i]!, 'float32'));
    });
  });
}
