/**
 * `recurrent eval <run>`: scores a trained model on the data the options name (any
 * format), or, by default, on the held-out test split and the order probe that the run
 * itself was trained with (rebuilt from config.json with the model's vocabulary).
 */
import { ConfigError } from '@recurrent/errors';
import type { OptionValues, PrepareContext, TaskEvaluation } from '@recurrent/task';
import type { JsonValue } from '@recurrent/train';
import type { SentimentModel } from './create-sentiment-model.js';
import { describeMetrics, describeProbe } from './describe-results.js';
import { encodeSentences } from './encode-sentences.js';
import { evaluateProbe, evaluateSet } from './evaluate-sentiment.js';
import type { LoadedSentences } from './labelled-sentence.js';
import { EMBEDDED_DATASET, loadOption, prepareTaskData } from './prepare-task-data.js';
import { effectiveMaxLength } from './sentiment-defaults.js';

function checkLabels(model: SentimentModel, loaded: LoadedSentences): void {
  if (JSON.stringify(loaded.labels) === JSON.stringify(model.labels)) return;
  throw new ConfigError(
    `recurrent eval: ${loaded.source} has the labels ${loaded.labels.join(', ')} but the model predicts ${model.labels.join(', ')}. Evaluate on data with the model's label set (--labels fixes the order for csv/tsv/jsonl).`,
  );
}

/** Options that rebuild the run's own data from its config.json. */
function ownData(config: Readonly<Record<string, JsonValue>>): OptionValues {
  const data = config.data;
  if (data === 'dataText') {
    throw new ConfigError(
      'recurrent eval: this run was trained on data passed as text; pass --data <file> --format <format> to evaluate it.',
    );
  }
  const keep = (k: string) => (typeof config[k] === 'string' ? { [k]: config[k] as string } : {});
  return {
    ...(typeof data === 'string' && data !== EMBEDDED_DATASET ? { data } : {}),
    ...keep('format'),
    ...keep('test'),
    ...keep('textColumn'),
    ...keep('labelColumn'),
    ...(typeof config.labelSet === 'string' ? { labels: config.labelSet } : {}),
    probe: config.probe !== false,
  };
}

export async function evaluateSentimentRun(
  model: SentimentModel,
  config: Readonly<Record<string, JsonValue>>,
  options: OptionValues,
  context: PrepareContext,
): Promise<TaskEvaluation> {
  const maxLength = effectiveMaxLength(model.hyperParameters);
  const given = await loadOption(options, context, 'data');
  if (given) {
    checkLabels(model, given);
    const set = encodeSentences(given.sentences, model.tokenizer, model.vocabulary);
    const m = await evaluateSet(model, set, maxLength);
    return {
      metrics: { accuracy: m.accuracy, macroF1: m.macroF1, auroc: m.auroc, loss: m.loss },
      lines: [`${given.source}:`, ...describeMetrics(m, model.labels)],
      details: { count: m.count, confusion: m.confusion, labels: [...model.labels] },
    };
  }
  const data = await prepareTaskData(ownData(config), model.hyperParameters, {
    ...context,
    resumeConfig: {
      vocabulary: model.vocabulary.toJSON() as unknown as JsonValue,
      labels: [...model.labels],
    },
  });
  const m = await evaluateSet(model, data.test, maxLength);
  const probe = data.probe ? await evaluateProbe(model, data.probe, maxLength) : undefined;
  return {
    metrics: {
      accuracy: m.accuracy,
      macroF1: m.macroF1,
      auroc: m.auroc,
      loss: m.loss,
      ...(probe ? { probeAccuracy: probe.accuracy } : {}),
    },
    lines: [
      `the run's held-out test split (${data.report.source}):`,
      ...describeMetrics(m, model.labels),
      ...(probe ? ['order probe, held-out compositions:', ...describeProbe(probe)] : []),
    ],
    details: {
      count: m.count,
      confusion: m.confusion,
      labels: [...model.labels],
      ...(probe ? { probe: JSON.parse(JSON.stringify(probe)) as JsonValue } : {}),
    },
  };
}
