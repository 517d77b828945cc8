/**
 * A tiny character language model built from @recurrent/cells, for training live in the
 * browser: one-hot characters -> LSTM -> a dense layer to next-character logits.
 *
 *   x_t = onehot(char_t)            [batch, vocab]
 *   h_t = lstm(x_t, h_{t-1}, c_{t-1}) [batch, units]
 *   logits_t = h_t V + d             [batch, vocab]
 *
 * One-hot inputs (instead of an embedding table) keep the gradient on kernels every backend
 * has, and make the LSTM's input weights readable. This is the stand-in until
 * `@recurrent/char-lm` (the task package) arrives; see the README.
 */
import { type LstmCell, lstmCell, runRnn } from '@recurrent/cells';
import { createRandom } from '@recurrent/random';
import * as tf from '@tensorflow/tfjs-core';

export interface TinyCharLm {
  readonly vocab: readonly string[];
  readonly cell: LstmCell;
  readonly outKernel: tf.Variable; // [units, vocab]
  readonly outBias: tf.Variable; // [vocab]
  readonly variables: tf.Variable[];
}

export function createTinyCharLm(
  vocab: readonly string[],
  units: number,
  seed: number,
): TinyCharLm {
  const cell = lstmCell({ inputSize: vocab.length, units, seed, name: 'charlm_lstm' });
  const rng = createRandom(seed + 1);
  const limit = Math.sqrt(6 / (units + vocab.length)); // Glorot uniform
  const values = Float32Array.from(
    { length: units * vocab.length },
    () => (2 * rng.next() - 1) * limit,
  );
  const outKernel = tf.variable(tf.tensor2d(values, [units, vocab.length]));
  const outBias = tf.variable(tf.zeros([vocab.length]));
  return {
    vocab,
    cell,
    outKernel,
    outBias,
    variables: [...cell.weights.map((w) => w.variable), outKernel, outBias],
  };
}

export function disposeTinyCharLm(model: TinyCharLm): void {
  for (const v of model.variables) v.dispose();
}

/** Next-character logits for every step of `ids` `[batch, time]`: `[batch, time, vocab]`. */
export function sequenceLogits(model: TinyCharLm, ids: tf.Tensor2D): tf.Tensor3D {
  return tf.tidy(() => {
    const [batch, time] = ids.shape;
    const x = tf.oneHot(ids, model.vocab.length) as tf.Tensor3D; // [batch, time, vocab]
    const { sequence } = runRnn(model.cell, tf.cast(x, 'float32') as tf.Tensor3D, {
      returnSequences: true,
    }); // [batch, time, units]
    const flat = tf.reshape(sequence!, [batch * time, model.cell.units]); // [batch*time, units]
    const logits = tf.add(tf.matMul(flat, model.outKernel), model.outBias); // [batch*time, vocab]
    return tf.reshape(logits, [batch, time, model.vocab.length]);
  });
}

/** Mean softmax cross-entropy (nats per character) of `logits` against int32 `targets`. */
export function crossEntropy(logits: tf.Tensor3D, targets: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const logProbs = tf.logSoftmax(logits); // [batch, time, vocab]
    const picked = tf.sum(tf.mul(logProbs, tf.oneHot(targets, logits.shape[2])), -1); // [batch, time]
    return tf.neg(tf.mean(picked)) as tf.Scalar;
  });
}

/** Logits of the next character after one step from `state`: `[1, vocab]` and the new state. */
export function stepLogits(
  model: TinyCharLm,
  id: number,
  state: tf.Tensor2D[],
): { logits: tf.Tensor2D; state: tf.Tensor2D[] } {
  return tf.tidy(() => {
    const x = tf.oneHot(tf.tensor1d([id], 'int32'), model.vocab.length) as tf.Tensor2D; // [1, vocab]
    const next = model.cell.step(tf.cast(x, 'float32') as tf.Tensor2D, state);
    const logits = tf.add(tf.matMul(next.output, model.outKernel), model.outBias) as tf.Tensor2D; // [1, vocab]
    return { logits, state: next.state };
  });
}
