/**
 * How much a char-LM expected each character of a text: log p(char_t | chars before t), from
 * one forward pass over the whole text (the fused sequence path, as evaluation uses). The
 * hidden-state view shows exp of it under the text; the e2e tests compare it across backends.
 */
import type { CharLm } from '@recurrent/char-lm';
import { encodeChars } from '@recurrent/data';
import * as tf from '@tensorflow/tfjs-core';

export interface CharLmScore {
  readonly chars: string[];
  /** log p(chars[t] | chars[0..t-1]) in nats for t = 1..n-1 (one per predicted character). */
  readonly logProbs: number[];
}

/** `ids` of n characters -> n - 1 log-probabilities in nats (the first character has none). */
export async function charLogProbs(model: CharLm, ids: readonly number[]): Promise<number[]> {
  if (ids.length < 2) return [];
  const scores = tf.tidy(() => {
    const input = tf.tensor2d([ids.slice(0, -1) as number[]], [1, ids.length - 1], 'int32'); // [1, n-1]
    const { logits } = model.forward(input); // [1, n-1, vocab]
    const logp = tf.logSoftmax(tf.squeeze(logits, [0]) as tf.Tensor2D); // [n-1, vocab]
    const targets = tf.oneHot(tf.tensor1d(ids.slice(1) as number[], 'int32'), model.vocabSize); // [n-1, vocab]
    return tf.sum(tf.mul(logp, tf.cast(targets, 'float32')), 1); // [n-1]
  });
  try {
    return Array.from(await scores.data());
  } finally {
    scores.dispose();
  }
}

/**
 * A text as the model reads it: its characters (NFC, one per code point, as the tokenizer
 * splits them) and their ids through `encodeChars` of `@recurrent/data` (`Vocabulary.encode`);
 * characters the model has never seen become `<unk>`.
 */
export function encodeText(model: CharLm, text: string): { chars: string[]; ids: number[] } {
  return { chars: [...text.normalize('NFC')], ids: encodeChars(model.vocabulary, text) };
}
