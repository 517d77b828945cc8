/**
 * One measurement of the `sentiment` suite, in its own child process: the real model of
 * `@recurrent/sentiment` (`createSentimentModel`: embedding 64 -> one LSTM of 128 units
 * with the padding mask -> the last real state -> a sigmoid logit) trained by the package's
 * own loop (`trainClassifier`: its `sequenceBatcher` batches, masked loss, Adam with warmup +
 * cosine and clipping) on the synthetic corpus, with 1 bucket (every batch `[64, 200]`) or
 * the package's 4. By default one epoch warms up (every bucket's shape is seen before the
 * clock starts) and the next one is timed (every sentence once, so both rows train the same
 * real tokens). Each step's wall time is read from the loop's step events; the real and
 * padded tokens of those steps come from the same batcher the loop uses, checked against
 * the loop's own token count.
 */
import { selectBackend } from '@recurrent/backends';
import { sequenceBatcher } from '@recurrent/data';
import {
  createSentimentModel,
  resolveSentimentHyperParameters,
  trainClassifier,
} from '@recurrent/sentiment';
import * as tf from '@tensorflow/tfjs-core';
import { paddingAccount } from './padding-accounting.js';
import {
  type SentimentCaseResult,
  type SentimentCaseSpec,
  sentimentWorkload,
} from './sentiment-config.js';
import { makeCorpus } from './sentiment-data.js';

export async function runSentimentCase(spec: SentimentCaseSpec): Promise<SentimentCaseResult> {
  const selection = await selectBackend(spec.backend);
  const w = sentimentWorkload;
  const corpus = makeCorpus(w);
  const hp = resolveSentimentHyperParameters('default', {
    input: 'word',
    cell: 'lstm',
    layers: 1,
    units: w.units,
    bidirectional: false, // config B: one direction
    pooling: 'last', // config B: the head reads the last real step
    embeddingDim: w.embeddingDim,
    dropout: 0, // config B has none; the same work per step
    maxLength: w.maxLength,
    buckets: spec.batching === 'bucketed' ? w.buckets : 1,
    batchSize: w.batch,
    seed: w.seed,
  });
  const options = {
    train: corpus.train,
    maxLength: hp.maxLength,
    batchSize: hp.batchSize,
    buckets: hp.buckets,
    seed: hp.seed,
  };
  // The loop's batches, rebuilt from the same options (pure: step -> batch).
  const batcher = sequenceBatcher(
    { sequences: options.train.sequences, labels: options.train.labels },
    options,
  );
  const warmup = Math.max(1, spec.warmup ?? batcher.stepsPerEpoch);
  const total = warmup + Math.max(1, spec.steps ?? batcher.stepsPerEpoch);
  const model = createSentimentModel({ ...corpus, hyperParameters: hp });
  const stamps: number[] = []; // after step warmup, warmup + 1, ..., total
  let before = 0;
  let after = 0;
  let loopTokensPerItem = Number.NaN;
  await trainClassifier(model, {
    ...options,
    steps: total,
    learningRate: hp.learningRate,
    warmupSteps: hp.warmupSteps,
    clipNorm: hp.clipNorm,
    onProgress: (e) => {
      if (e.kind !== 'step') return;
      if (e.step >= warmup) stamps.push(performance.now());
      if (e.step === warmup) before = tf.memory().numTensors;
      if (e.step === total) {
        after = tf.memory().numTensors;
        loopTokensPerItem = (e.tokensPerSecond ?? Number.NaN) / e.itemsPerSecond;
      }
    },
  });
  model.dispose();

  const batches = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, i) => batcher.arrayBatchAt(from + i));
  const all = batches(0, total);
  const rows = all.reduce((n, b) => n + b.rows, 0);
  const ours = paddingAccount(all).realTokens / rows;
  if (!(Math.abs(ours - loopTokensPerItem) <= 1e-6 * ours)) {
    throw new Error(
      `sentiment bench: the rebuilt batches hold ${ours} real tokens per sentence but the training loop counted ${loopTokensPerItem}. trainClassifier's batching changed: update sentiment-case.ts to match.`,
    );
  }
  const timed = paddingAccount(batches(warmup, total));
  return {
    stepTimesMs: stamps.slice(1).map((t, i) => t - stamps[i]!),
    stepLengths: all.slice(warmup).map((b) => b.timeSteps),
    realTokens: timed.realTokens,
    paddedTokens: timed.paddedTokens,
    timeSteps: timed.timeSteps,
    epochPaddingShare: batcher.report.paddingFraction,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    tensorDrift: after - before,
    detail: `${selection.name}${selection.detail ? ` (${selection.detail})` : ''}`,
  };
}
