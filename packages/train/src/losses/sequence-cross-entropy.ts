/**
 * Per-timestep softmax cross-entropy from logits, averaged over real steps only.
 * Mask convention: `[batch, time]` float32 with 1 = real step, 0 = padding.
 *
 * Numerically stable (log-softmax, never log(softmax)); uses one-hot targets rather than
 * `gather`, so its gradient runs on every backend (wasm has no `gather` gradient).
 */
import { ConfigError, ShapeError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import { maskedReduce, type Reduction } from './masked-mean.js';

export interface SequenceCrossEntropyOptions {
  /** Mixes the one-hot target with a uniform distribution: (1 - e) * onehot + e / V. */
  labelSmoothing?: number;
  /** `mean` over real steps (the default) or the masked `sum` (pool batches, divide once). */
  reduction?: Reduction;
}

export const sequenceCrossEntropyDefaults = Object.freeze({
  labelSmoothing: 0, // plain cross-entropy: the loss that bits-per-character and perplexity read
  reduction: 'mean' as Reduction, // a per-token loss, comparable across batch sizes and lengths
});

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * Softmax cross-entropy of `logits` `[batch, time, vocab]` against int32 `targets`
 * `[batch, time]`, averaged over the steps where `mask` `[batch, time]` is 1.
 *
 * @example
 * const loss = sequenceCrossEntropy(logits, targets, mask, { labelSmoothing: 0.1 });
 */
export function sequenceCrossEntropy(
  logits: tf.Tensor,
  targets: tf.Tensor,
  mask?: tf.Tensor | null,
  options: SequenceCrossEntropyOptions = {},
): tf.Scalar {
  const { labelSmoothing, reduction } = { ...sequenceCrossEntropyDefaults, ...options };
  if (logits.rank !== 3) {
    throw new ShapeError(
      `sequenceCrossEntropy: expected logits of shape [batch, time, vocab], got [${logits.shape.join(', ')}]. ` +
        'Pass the logits of every step, not one step or a flattened batch.',
    );
  }
  const [batch, time, vocab] = logits.shape as [number, number, number];
  if (!sameShape(targets.shape, [batch, time])) {
    throw new ShapeError(
      `sequenceCrossEntropy: expected targets of shape [${batch}, ${time}] (token ids), got [${targets.shape.join(', ')}].`,
    );
  }
  if (targets.dtype !== 'int32') {
    throw new ShapeError(
      `sequenceCrossEntropy: expected int32 targets (token ids), got ${targets.dtype}. Use tf.tensor2d(ids, shape, 'int32').`,
    );
  }
  if (mask && !sameShape(mask.shape, [batch, time])) {
    throw new ShapeError(
      `sequenceCrossEntropy: expected mask of shape [${batch}, ${time}] (1 = real step, 0 = padding), got [${mask.shape.join(', ')}].`,
    );
  }
  if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
    throw new ConfigError(
      `sequenceCrossEntropy: expected labelSmoothing in [0, 1), got ${labelSmoothing}. Typical values are 0 or 0.1.`,
    );
  }
  return tf.tidy(() => {
    const logProbs = tf.logSoftmax(logits, -1); // [batch, time, vocab]
    const oneHot = tf.oneHot(targets, vocab); // [batch, time, vocab] int32
    const nll = tf.neg(tf.sum(tf.mul(logProbs, tf.cast(oneHot, 'float32')), -1)); // [batch, time]
    let perStep = nll;
    if (labelSmoothing > 0) {
      const uniform = tf.neg(tf.mean(logProbs, -1)); // [batch, time]: cross-entropy with 1/V each
      perStep = tf.add(tf.mul(nll, 1 - labelSmoothing), tf.mul(uniform, labelSmoothing));
    }
    return maskedReduce(perStep, mask, reduction);
  });
}
