/**
 * Trains the sentiment RNN on prepared data, evaluating on the validation split (which
 * picks `best/`), the test split and the order probe, then (unless told not to) the
 * bag-of-words baseline on the same split with the same loop, so the two can be printed
 * side by side.
 *
 * With `workers: N` (Node) each step's gradients are computed on N worker threads, each with
 * a contiguous block of the batch's rows; this thread combines them, clips and applies Adam
 * (sentiment-workers.ts). Evaluation stays on this thread: at the trainer's --eval-every 100
 * it took 1.1 s of an 18 s run of 300 default steps (6%, README), so splitting it over two
 * workers would save 3% at best.
 */
import { ConfigError } from '@recurrent/errors';
import type {
  CheckpointStore,
  JsonValue,
  TrainProgress,
  TrainResult,
  WorkerSetup,
} from '@recurrent/train';
import { createBagOfWords } from './bag-of-words-model.js';
import type { SentimentModel } from './create-sentiment-model.js';
import {
  evaluateSentiment,
  metricsRecord,
  type SentimentEvaluation,
} from './evaluate-sentiment.js';
import type { SentimentData } from './prepare-sentiment-data.js';
import { sentimentConfig } from './sentiment-config.js';
import type { SentimentWorkers } from './sentiment-workers.js';
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
  /**
   * Node: data-parallel worker threads, each with a contiguous block of every batch's rows
   * (see sentiment-workers.ts). Default 1: everything on this thread.
   */
  readonly workers?: number;
  /** Node: the module each worker imports first, to pick its backend (the app's). */
  readonly workerSetup?: WorkerSetup;
}

export const trainSentimentDefaults = Object.freeze({
  evalEvery: 250, // six validation points in a default run: a curve without slowing it
  checkpointEvery: 250, // lose at most 250 updates to a crash
  baselineLearningRate: 0.05, // logistic regression is convex: a high rate converges in few steps
  workers: 1, // one thread unless asked: see the README's measurement of --workers 2
});

async function startWorkers(
  model: SentimentModel,
  options: TrainSentimentOptions,
): Promise<SentimentWorkers | null> {
  const workers = options.workers ?? trainSentimentDefaults.workers;
  const hp = model.hyperParameters;
  const rows = hp.batchSize;
  if (!(Number.isInteger(workers) && workers >= 1 && workers <= rows)) {
    throw new ConfigError(
      `sentiment: expected workers to be an integer in [1, ${rows}] (each worker needs at least one of the batch's ${rows} sentences), got ${workers}. Pass --workers 2, or a larger --batch-size.`,
    );
  }
  if (workers === 1) return null;
  if (hp.layers > 1 && hp.dropout > 0) {
    throw new ConfigError(
      `sentiment: --workers ${workers} cannot repeat the dropout between stacked layers (layers ${hp.layers}, dropout ${hp.dropout}): those masks come from the stack's own generator, drawn per call, so N workers would drop other units than one thread. Train with --workers 1, --layers 1 or --dropout 0.`,
    );
  }
  const { startSentimentWorkers } = await import('./sentiment-workers.js'); // Node only: worker_threads
  return startSentimentWorkers(model, workers, options.workerSetup ?? null);
}

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
  const parallel = await startWorkers(model, options); // null: this thread computes the loss
  try {
    return await trainClassifier(model, {
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
      ...(parallel ? { dataParallel: parallel.dataParallel } : {}),
    });
  } finally {
    await parallel?.close();
  }
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
