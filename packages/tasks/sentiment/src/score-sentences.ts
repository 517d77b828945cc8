/**
 * Class probabilities for encoded sentences, in batches of similar length (sorted, so
 * little compute goes to padding), every tensor freed. Works for any classifier with a
 * `forward(ids, mask)` (the RNN and the bag-of-words baseline).
 */
import { padSequences } from '@recurrent/data';
import * as tf from '@tensorflow/tfjs-core';

export interface Classifier {
  /** 1 (a sigmoid logit) or the number of classes (softmax logits). */
  readonly outputs: number;
  forward(ids: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor2D;
}

export interface Scores {
  /** `[n * classes]` row-major class probabilities (classes = 2 for a sigmoid model). */
  readonly probabilities: Float32Array;
  readonly classes: number;
  /** The likeliest class of each sentence. */
  readonly predictions: Int32Array;
}

export const scoreSentencesDefaults = Object.freeze({
  batchSize: 256, // inference only: large batches, few calls
});

/** Probabilities `[rows, classes]` from logits `[rows, outputs]`. */
export function probabilitiesOf(logits: tf.Tensor2D, outputs: number): tf.Tensor2D {
  return tf.tidy(() => {
    if (outputs > 1) return tf.softmax(logits) as tf.Tensor2D; // [rows, classes]
    const p = tf.sigmoid(logits); // [rows, 1]
    return tf.concat([tf.sub(1, p), p], 1) as tf.Tensor2D; // [rows, 2]
  });
}

/**
 * @example
 * const { predictions, probabilities } = await scoreSentences(model, data.test.sequences, 64);
 */
export async function scoreSentences(
  model: Classifier,
  sequences: readonly (readonly number[])[],
  maxLength: number,
  options: { readonly batchSize?: number } = {},
): Promise<Scores> {
  const batchSize = options.batchSize ?? scoreSentencesDefaults.batchSize;
  const classes = Math.max(2, model.outputs);
  const probabilities = new Float32Array(sequences.length * classes);
  const order = sequences
    .map((_, i) => i)
    .sort((a, b) => sequences[a]!.length - sequences[b]!.length);
  for (let start = 0; start < order.length; start += batchSize) {
    const rows = order.slice(start, start + batchSize);
    const seqs = rows.map((i) => {
      const s = sequences[i]!;
      return s.length === 0 ? [0] : s.slice(0, maxLength); // an empty sentence reads one <pad>
    });
    const width = Math.min(maxLength, Math.max(...seqs.map((s) => s.length)));
    const padded = padSequences(seqs, { maxLength: width });
    const lengths = rows.map((i) => Math.min(sequences[i]!.length, maxLength));
    const probs = tf.tidy(() => {
      const ids = tf.tensor2d(padded.ids, [rows.length, width], 'int32'); // [rows, width]
      const mask = tf.tensor2d(
        padded.mask.map((m, r) => (lengths[r] === 0 ? m.map(() => 0) : m)),
        [rows.length, width],
      ); // [rows, width]
      return probabilitiesOf(model.forward(ids, mask), model.outputs); // [rows, classes]
    });
    const values = await probs.data();
    probs.dispose();
    rows.forEach((i, r) => {
      probabilities.set(values.subarray(r * classes, (r + 1) * classes), i * classes);
    });
  }
  const predictions = new Int32Array(sequences.length);
  for (let i = 0; i < sequences.length; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) {
      if (probabilities[i * classes + c]! > probabilities[i * classes + best]!) best = c;
    }
    predictions[i] = best;
  }
  return { probabilities, classes, predictions };
}
