/**
 * Validation loss of a char-LM on held-out ids, in nats and bits per character. Walks the
 * text in parallel lanes, carrying the state from one chunk to the next, as training does.
 */
import { lmWindows } from '@recurrent/data';
import { sequenceCrossEntropy } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import type { CharLm } from './create-char-lm.js';

export interface CharLmMetrics {
  /** Mean cross-entropy per predicted character, in nats. */
  readonly valLoss: number;
  /** The same in bits per character (valLoss / ln 2). */
  readonly bitsPerChar: number;
  /** Characters scored. */
  readonly characters: number;
}

export interface EvaluateCharLmOptions {
  /** Parallel lanes. Default 32. */
  readonly lanes?: number;
  /** Characters per chunk. Default 128. */
  readonly timeSteps?: number;
}

export const evaluateCharLmDefaults = Object.freeze({
  lanes: 32, // wide batches are cheap for inference
  timeSteps: 128, // long chunks: the state carries across them anyway
});

export async function evaluateCharLm(
  model: CharLm,
  ids: ArrayLike<number>,
  options: EvaluateCharLmOptions = {},
): Promise<CharLmMetrics> {
  const o = { ...evaluateCharLmDefaults, ...options };
  const lanes = Math.max(1, Math.min(o.lanes, Math.floor((ids.length - 1) / o.timeSteps)));
  const timeSteps = Math.min(o.timeSteps, ids.length - 1);
  const windows = lmWindows(ids, { batchSize: lanes, timeSteps, vocabSize: model.vocabSize });
  let state: tf.Tensor2D[] | undefined;
  let totalNats = 0;
  let characters = 0;
  for (let step = 0; step < windows.stepsPerEpoch; step++) {
    const batch = windows.batchAt(step);
    const result = tf.tidy(() => {
      const { logits, state: next } = model.forward(
        batch.ids,
        state ? { initialState: state } : {},
      );
      const loss = sequenceCrossEntropy(logits, batch.targets, null, { reduction: 'sum' });
      return { loss, next };
    });
    totalNats += (await result.loss.data())[0]!;
    characters += lanes * timeSteps;
    result.loss.dispose();
    if (state) tf.dispose(state);
    state = result.next;
    batch.dispose();
    await new Promise((resolve) => setTimeout(resolve, 0)); // stay responsive between chunks
  }
  if (state) tf.dispose(state);
  const valLoss = totalNats / characters;
  return { valLoss, bitsPerChar: valLoss / Math.LN2, characters };
}
