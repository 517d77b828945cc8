/**
 * Trains the sentiment RNN on prepared data, evaluating on the validation split (which
 * picks `best/`), the test split and the order probe, then (unless told not to) the
 * bag-of-words baseline on the same split with the same loop, so the two can be printed
 * side by side.
 */
import type { CheckpointStore, JsonValue, TrainProgress, TrainResult } from '@recurrent/train';
import { createBagOfWords } from './bag-of-words-model.js';
import type { SentimentModel } from './create-sentiment-model.js';
import {
  evaluateSentiment,
  metricsRecord,
  type SentimentEvaluation,
} from './evaluate-sentiment.js';
import type { SentimentData } from './prepare-sentiment-data.js';
import { sentimentConfig } from './sentiment-config.js';
import { trainClassifier } from './train-classifier.js';

export interface TrainSentimentOptions {
  /** Evaluate every N steps (and at the end). Default 250. */
  readonly evalEvery?: number;
  readonly checkpointEvery?: number;
  readonly checkpointDir?: string;
  readonly checkpointStore?: CheckpointStore;
  readonly resume?: boolean;
  readonly signal?: AbortSignal;
  readonly steps?: number;
  readonly extraConfig?: Record<string, JsonValue>;
  readonly onProgress?: (event: TrainProgress) => void;
}

export const trainSentimentDefaults = Object.freeze({
  evalEvery: 250, // six validation points in a default run: a curve without slowing it
  checkpointEvery: 250, // lose at most 250 updates to a crash
  baselineLearningRate: 0.05, // logistic regression is convex: a high rate converges in few steps
});

/**
 * @example
 * const result = await trainSentiment(model, data, { checkpointDir: 'runs/sentiment' });
 */
export async function trainSentiment(
  model: SentimentModel,
  data: SentimentData,
  options: TrainSentimentOptions = {},
): Promise<TrainResult> {
  const hp = model.hyperParameters;
  const hasStore = options.checkpointDir !== undefined || options.checkpointStore !== undefined;
  return trainClassifier(model, {
    train: data.train,
    maxLength: data.report.maxLength,
    batchSize: hp.batchSize,
    buckets: hp.buckets,
    steps: options.steps ?? hp.steps,
    learningRate: hp.learningRate,
    adamEpsilon: hp.adamEpsilon,
    warmupSteps: hp.warmupSteps,
    clipNorm: hp.clipNorm,
    seed: hp.seed,
    evaluate: async () => metricsRecord(await evaluateSentiment(model, data)),
    bestMetric: 'accuracy',
    evalEvery: options.evalEvery ?? trainSentimentDefaults.evalEvery,
    config: { ...sentimentConfig(model), ...(options.extraConfig ?? {}) },
    ...(hasStore
      ? { checkpointEvery: options.checkpointEvery ?? trainSentimentDefaults.checkpointEvery }
      : {}),
    ...(options.checkpointDir !== undefined ? { checkpointDir: options.checkpointDir } : {}),
    ...(options.checkpointStore ? { checkpointStore: options.checkpointStore } : {}),
    ...(options.resume !== undefined ? { resume: options.resume } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}

/**
 * Trains the bag-of-words baseline on the same training sentences, batches and loop, and
 * scores it like the RNN. It lives only for the call.
 *
 * @example
 * const baseline = await trainBaseline(data, { steps: 1500, seed: 42 });
 * baseline.test.accuracy;
 */
export async function trainBaseline(
  data: SentimentData,
  options: { readonly steps: number; readonly seed: number; readonly signal?: AbortSignal },
): Promise<SentimentEvaluation> {
  const hp = data.hyperParameters;
  const bow = createBagOfWords({
    vocabulary: data.vocabulary,
    labels: data.labels,
    seed: options.seed,
  });
  try {
    await trainClassifier(bow, {
      train: data.train,
      maxLength: data.report.maxLength,
      batchSize: hp.batchSize,
      buckets: hp.buckets,
      steps: options.steps,
      learningRate: trainSentimentDefaults.baselineLearningRate,
      warmupSteps: 0,
      clipNorm: hp.clipNorm,
      seed: options.seed,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return await evaluateSentiment(bow, data);
  } finally {
    bow.dispose();
  }
}
