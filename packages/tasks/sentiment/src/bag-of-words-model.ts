/**
 * The baseline: bag-of-words logistic regression. The logit of a sentence is the sum of
 * one learned weight per token (per class) over its real steps, plus a bias: word counts
 * times weights, so word order is invisible to it. An embedding of width `outputs` is that
 * weight table (and trains on wasm). Trained by `trainClassifier`, the RNN's loop.
 *
 * @example
 * const bow = createBagOfWords({ vocabulary, labels: ['negative', 'positive'] });
 * bow.forward(ids, mask); // [batch, 1]
 */
import { embedding } from '@recurrent/cells';
import type { Vocabulary } from '@recurrent/data';
import type { NamedVariable } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';

export interface BagOfWords {
  readonly outputs: number;
  readonly labels: readonly string[];
  readonly variables: readonly NamedVariable[];
  forward(ids: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor2D;
  dispose(): void;
}

export function createBagOfWords(options: {
  readonly vocabulary: Vocabulary;
  readonly labels: readonly string[];
  readonly seed?: number;
}): BagOfWords {
  const outputs = options.labels.length === 2 ? 1 : options.labels.length;
  const weights = embedding({
    vocabSize: options.vocabulary.size,
    dim: outputs,
    seed: options.seed ?? 0,
    name: 'bow_weights',
  });
  const bias = tf.tidy(() => tf.variable(tf.zeros([outputs]))); // [outputs]; engine-named, so two baselines can coexist
  const variables: NamedVariable[] = [
    { name: weights.weights[0]!.name, variable: weights.table },
    { name: 'bow_bias/bias', variable: bias },
  ];
  return {
    outputs,
    labels: options.labels,
    variables,
    forward(ids, mask) {
      return tf.tidy(() => {
        const w = weights.apply(ids).output as tf.Tensor3D; // [batch, time, outputs]
        const summed = tf.sum(tf.mul(w, tf.expandDims(mask, 2)), 1); // [batch, outputs]
        return tf.add(summed, bias) as tf.Tensor2D; // [batch, outputs]
      });
    },
    dispose() {
      for (const v of variables) v.variable.dispose();
    },
  };
}
