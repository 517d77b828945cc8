/**
 * Binary cross-entropy from logits, with class weights for imbalanced labels and an
 * optional mask (1 = real, 0 = padding), averaged over real elements only.
 *
 * Stable form: with softplus(x) = max(x, 0) + log1p(exp(-|x|)),
 *   loss = wPos * y * softplus(-x) + wNeg * (1 - y) * softplus(x)
 * which is -[wPos * y * log(sigmoid(x)) + wNeg * (1 - y) * log(1 - sigmoid(x))] without
 * ever forming sigmoid(x). With `posWeight: p` it equals PyTorch's
 * `BCEWithLogitsLoss(pos_weight=p)` (the mean divides by the element count, not the weights).
 */
import { ConfigError, ShapeError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import { maskedReduce, type Reduction } from './masked-mean.js';

export interface BinaryCrossEntropyOptions {
  /** Same shape as the logits: 1 = real element, 0 = padding. */
  mask?: tf.Tensor | null;
  /** Weights of positive and negative examples (e.g. { positive: 6, negative: 1 } at 14% positive). */
  classWeights?: { positive: number; negative: number };
  /** Shorthand for classWeights { positive: posWeight, negative: 1 } (PyTorch's pos_weight). */
  posWeight?: number;
  /** `mean` over real elements (the default) or the masked `sum`. */
  reduction?: Reduction;
}

export const binaryCrossEntropyDefaults = Object.freeze({
  classWeights: Object.freeze({ positive: 1, negative: 1 }), // unweighted: plain log-loss
  reduction: 'mean' as Reduction, // per-example loss, comparable across batch sizes
});

/** softplus(x) = log(1 + exp(x)), computed without overflow for large |x|. */
function stableSoftplus(x: tf.Tensor): tf.Tensor {
  return tf.add(tf.relu(x), tf.log1p(tf.exp(tf.neg(tf.abs(x)))));
}

function resolveWeights(options: BinaryCrossEntropyOptions): {
  positive: number;
  negative: number;
} {
  if (options.classWeights && options.posWeight !== undefined) {
    throw new ConfigError(
      'binaryCrossEntropy: got both classWeights and posWeight. Pass one: posWeight p means classWeights { positive: p, negative: 1 }.',
    );
  }
  const weights =
    options.posWeight !== undefined
      ? { positive: options.posWeight, negative: 1 }
      : (options.classWeights ?? binaryCrossEntropyDefaults.classWeights);
  for (const [name, w] of Object.entries(weights)) {
    if (!(Number.isFinite(w) && w >= 0)) {
      throw new ConfigError(
        `binaryCrossEntropy: expected the ${name} class weight to be a finite number >= 0, got ${w}.`,
      );
    }
  }
  return weights;
}

/**
 * @example
 * // 14% positive: weigh positives about 6x so both classes pull equally.
 * const loss = binaryCrossEntropy(logits, labels, { posWeight: 6 });
 */
export function binaryCrossEntropy(
  logits: tf.Tensor,
  labels: tf.Tensor,
  options: BinaryCrossEntropyOptions = {},
): tf.Scalar {
  const weights = resolveWeights(options);
  const reduction = options.reduction ?? binaryCrossEntropyDefaults.reduction;
  const same = (s: readonly number[]) =>
    s.length === logits.shape.length && s.every((d, i) => d === logits.shape[i]);
  if (!same(labels.shape)) {
    throw new ShapeError(
      `binaryCrossEntropy: expected labels of the logits' shape [${logits.shape.join(', ')}], got [${labels.shape.join(', ')}].`,
    );
  }
  if (options.mask && !same(options.mask.shape)) {
    throw new ShapeError(
      `binaryCrossEntropy: expected mask of the logits' shape [${logits.shape.join(', ')}] (1 = real, 0 = padding), got [${options.mask.shape.join(', ')}].`,
    );
  }
  return tf.tidy(() => {
    const y = tf.cast(labels, 'float32'); // [...]
    const positive = tf.mul(tf.mul(y, stableSoftplus(tf.neg(logits))), weights.positive); // [...]
    const negative = tf.mul(tf.mul(tf.sub(1, y), stableSoftplus(logits)), weights.negative); // [...]
    return maskedReduce(tf.add(positive, negative), options.mask, reduction);
  });
}
