/**
 * Predictions with their trajectories: the class probabilities of a sentence, and the
 * probability after every token (word or character), all from one call of
 * `model.prefixLogits` per batch. Texts longer than the model's maxLength are cut (and
 * say so).
 */
import { padSequences } from '@recurrent/data';
import { ConfigError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import type { SentimentModel } from './create-sentiment-model.js';
import { effectiveMaxLength } from './sentiment-defaults.js';

export interface TrajectoryStep {
  readonly token: string;
  /** Class probabilities after reading the sentence up to and including this token. */
  readonly probabilities: readonly number[];
}

export interface SentimentPrediction {
  readonly text: string;
  /** The likeliest class name. */
  readonly label: string;
  /** Class probabilities by class id (`labels[i]`). */
  readonly probabilities: readonly number[];
  readonly labels: readonly string[];
  readonly trajectory: readonly TrajectoryStep[];
  /** Tokens the model never saw (read as <unk>). */
  readonly unknown: readonly string[];
  /** Tokens cut off beyond maxLength. */
  readonly truncated: number;
}

export const predictSentimentDefaults = Object.freeze({
  batchSize: 64, // texts per prefixLogits call (a bidirectional model reads time x rows)
});

/**
 * @example
 * const [p] = await predictSentiment(model, ['The talk was not so bad after all.']);
 * p.label; // 'positive'; p.trajectory.map((s) => s.probabilities[1])
 */
export async function predictSentiment(
  model: SentimentModel,
  texts: readonly string[],
  options: { readonly batchSize?: number } = {},
): Promise<SentimentPrediction[]> {
  const maxLength = effectiveMaxLength(model.hyperParameters);
  const batchSize = options.batchSize ?? predictSentimentDefaults.batchSize;
  const classes = Math.max(2, model.outputs);
  const out: SentimentPrediction[] = [];
  for (let start = 0; start < texts.length; start += batchSize) {
    const group = texts.slice(start, start + batchSize).map((text, k) => {
      const tokens = model.tokenizer.tokenize(text);
      if (tokens.length === 0) {
        throw new ConfigError(
          `predict: text ${start + k + 1} (${JSON.stringify(text.slice(0, 40))}) has no tokens to read; expected a sentence.`,
        );
      }
      return {
        text,
        tokens: tokens.slice(0, maxLength),
        truncated: Math.max(0, tokens.length - maxLength),
      };
    });
    const seqs = group.map((g) => model.vocabulary.encode(g.tokens));
    const width = Math.max(...seqs.map((s) => s.length));
    const padded = padSequences(seqs, { maxLength: width });
    const probs = tf.tidy(() => {
      const ids = tf.tensor2d(padded.ids, [group.length, width], 'int32'); // [rows, width]
      const mask = tf.tensor2d(padded.mask, [group.length, width]); // [rows, width]
      const logits = model.prefixLogits(ids, mask); // [rows, width, outputs]
      const flat = tf.reshape(logits, [group.length * width, model.outputs]); // [rows*width, outputs]
      return model.outputs > 1
        ? tf.softmax(flat) // [rows*width, classes]
        : tf.sigmoid(flat); // [rows*width, 1]
    });
    const values = await probs.data();
    probs.dispose();
    group.forEach((g, r) => {
      const at = (t: number): number[] => {
        const i = r * width + t;
        if (model.outputs === 1) return [1 - values[i]!, values[i]!];
        return Array.from(values.subarray(i * classes, (i + 1) * classes));
      };
      const trajectory = g.tokens.map((token, t) => ({ token, probabilities: at(t) }));
      const final = trajectory[trajectory.length - 1]!.probabilities;
      const best = final.indexOf(Math.max(...final));
      out.push({
        text: g.text,
        label: model.labels[best]!,
        probabilities: final,
        labels: model.labels,
        trajectory,
        unknown: [...new Set(g.tokens.filter((t) => !model.vocabulary.has(t)))],
        truncated: g.truncated,
      });
    });
  }
  return out;
}
