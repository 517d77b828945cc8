/**
 * A tiny character language model built from @recurrent/cells, for training live in the
 * browser: one-hot characters -> LSTM -> a dense layer to next-character logits.
 *
 *   x_t = onehot(char_t)            [batch, vocab]
 *   h_t = lstm(x_t, h_{t-1}, c_{t-1}) [batch, units]
 *   logits_t = h_t V + d             [batch, vocab]
 *
 * One-hot inputs (instead of an embedding table) keep the gradient on kernels every backend
 * has, and make the LSTM's input weights readable. Trained with `@recurrent/train`'s loop,
 * sampled with `@recurrent/decode`. This is the stand-in until
 * `@recurrent/char-lm` (the task package) arrives; see the README.
 */
import { type LstmCell, lstmCell, runRnn } from '@recurrent/cells';
import type { Stepper } from '@recurrent/decode';
import { createRandom } from '@recurrent/random';
import type { NamedVariable } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';

export interface TinyCharLm {
  readonly vocab: readonly string[];
  readonly cell: LstmCell;
  readonly outKernel: tf.Variable; // [units, vocab]
  readonly outBias: tf.Variable; // [vocab]
  /** Every weight with its stable name (`charlm_lstm/kernel`, `charlm_dense/kernel`, ...). */
  readonly variables: NamedVariable[];
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
    variables: [
      ...cell.weights.map((w) => ({ name: w.name, variable: w.variable })),
      { name: 'charlm_dense/kernel', variable: outKernel },
      { name: 'charlm_dense/bias', variable: outBias },
    ],
  };
}

export function disposeTinyCharLm(model: TinyCharLm): void {
  for (const v of model.variables) v.variable.dispose();
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

/** The model as `@recurrent/decode` sees it: (previous chars, state) -> (next-char logits, state). */
export function charStepper(model: TinyCharLm): Stepper<tf.Tensor2D[]> {
  return {
    step(tokens, state) {
      return tf.tidy(() => {
        const ids = tf.tensor1d(tokens, 'int32'); // [batch]
        const x = tf.cast(tf.oneHot(ids, model.vocab.length), 'float32') as tf.Tensor2D; // [batch, vocab]
        const next = model.cell.step(x, state);
        const logits = tf.add(
          tf.matMul(next.output, model.outKernel),
          model.outBias,
        ) as tf.Tensor2D; // [batch, vocab]
        return { logits, state: next.state };
      });
    },
  };
}
