/**
 * Validation loss of a char-LM on held-out ids, in nats and bits per character. Every
 * character after the first is scored: the text is cut into `lanes` contiguous pieces read in
 * parallel, chunk by chunk, with the state carried from one chunk to the next (as training
 * does); the last chunk is as long as what is left, and the positions past the end of the
 * last lane are masked out.
 */
import { ConfigError } from '@recurrent/errors';
import { sequenceCrossEntropy } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import type { CharLm } from './create-char-lm.js';

export interface CharLmMetrics {
  /** Mean cross-entropy per predicted character, in nats. */
  readonly valLoss: number;
  /** The same in bits per character (valLoss / ln 2). */
  readonly bitsPerChar: number;
  /** Characters scored: every one after the first. */
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

/** How evaluation cuts `predictions` positions into lanes (so workers can share the lanes). */
export interface CharLmEvalLayout {
  readonly predictions: number;
  readonly lanes: number;
  /** Positions per lane; the last lane may be short. */
  readonly laneLength: number;
  readonly timeSteps: number;
}

export function charLmEvalLayout(
  idCount: number,
  options: EvaluateCharLmOptions = {},
): CharLmEvalLayout {
  const o = { ...evaluateCharLmDefaults, ...options };
  const predictions = idCount - 1; // input ids[i] predicts ids[i + 1]
  if (predictions < 1) {
    throw new ConfigError(
      `evaluateCharLm: expected at least 2 ids (the first is only context), got ${idCount}. Score a longer text.`,
    );
  }
  const lanes = Math.max(1, Math.min(o.lanes, Math.floor(predictions / o.timeSteps) || 1));
  const laneLength = Math.ceil(predictions / lanes); // positions per lane; the last may be short
  return { predictions, lanes, laneLength, timeSteps: o.timeSteps };
}

/**
 * The summed cross-entropy (nats) of lanes [first, last) of `layout`: the part of the
 * validation loss one data-parallel worker computes.
 */
export async function scoreCharLmLanes(
  model: CharLm,
  ids: ArrayLike<number>,
  layout: CharLmEvalLayout,
  first = 0,
  last = layout.lanes,
): Promise<number> {
  const { predictions, laneLength, timeSteps } = layout;
  const lanes = last - first;
  if (lanes < 1) return 0;
  let state: tf.Tensor2D[] | undefined;
  let totalNats = 0;
  for (let start = 0; start < laneLength; start += timeSteps) {
    const time = Math.min(timeSteps, laneLength - start);
    const input = new Int32Array(lanes * time);
    const target = new Int32Array(lanes * time);
    const keep = new Float32Array(lanes * time);
    for (let b = 0; b < lanes; b++) {
      for (let t = 0; t < time; t++) {
        const p = (first + b) * laneLength + start + t; // the prediction made at this slot
        if (p >= predictions) continue; // past the end of the text: masked out
        input[b * time + t] = ids[p]!;
        target[b * time + t] = ids[p + 1]!;
        keep[b * time + t] = 1;
      }
    }
    const result = tf.tidy(() => {
      const x = tf.tensor2d(input, [lanes, time], 'int32'); // [lanes, time]
      const y = tf.tensor2d(target, [lanes, time], 'int32'); // [lanes, time]
      const mask = tf.tensor2d(keep, [lanes, time]); // [lanes, time], 1 = scored
      const { logits, state: next } = model.forward(x, state ? { initialState: state } : {});
      const loss = sequenceCrossEntropy(logits, y, mask, { reduction: 'sum' });
      return { loss, next };
    });
    totalNats += (await result.loss.data())[0]!;
    result.loss.dispose();
    if (state) tf.dispose(state);
    state = result.next;
    await new Promise((resolve) => setTimeout(resolve, 0)); // stay responsive between chunks
  }
  if (state) tf.dispose(state);
  return totalNats;
}

export async function evaluateCharLm(
  model: CharLm,
  ids: ArrayLike<number>,
  options: EvaluateCharLmOptions = {},
): Promise<CharLmMetrics> {
  const layout = charLmEvalLayout(ids.length, options);
  const totalNats = await scoreCharLmLanes(model, ids, layout);
  return charLmMetrics(totalNats, layout.predictions);
}

/** Metrics from summed nats over `predictions` characters. */
export function charLmMetrics(totalNats: number, predictions: number): CharLmMetrics {
  const valLoss = totalNats / predictions;
  return { valLoss, bitsPerChar: valLoss / Math.LN2, characters: predictions };
}
