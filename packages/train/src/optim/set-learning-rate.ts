/**
 * Changes a tfjs optimiser's learning rate between steps. Adam and RMSProp read their
 * `learningRate` field on every `applyGradients`; SGD and Momentum cache `-lr` in a scalar
 * that only `setLearningRate` refreshes.
 */
import type * as tf from '@tensorflow/tfjs-core';

interface MutableRate {
  learningRate: number;
  setLearningRate?: (lr: number) => void;
}

/** The learning rate the optimiser will use on its next step. */
export function getLearningRate(optimizer: tf.Optimizer): number {
  return (optimizer as unknown as MutableRate).learningRate;
}

export function setLearningRate(optimizer: tf.Optimizer, learningRate: number): void {
  const o = optimizer as unknown as MutableRate;
  if (o.learningRate === learningRate) return; // SGD would allocate a new scalar for nothing
  if (typeof o.setLearningRate === 'function') o.setLearningRate(learningRate);
  else o.learningRate = learningRate;
}
