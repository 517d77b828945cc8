/**
 * The facts the page shows about a char-LM: its hyper-parameters (from the model, which a
 * pretrained checkpoint builds from its config.json), its size, and what the checkpoint's
 * config says about its training (steps, validation loss, corpus) when it says anything.
 */
import type { CharLm } from '@recurrent/char-lm';
import type { JsonValue } from '@recurrent/train';
import type { CharLmFacts } from './protocol.js';

type Config = Record<string, JsonValue>;

/** The value at `path` in a JSON object, if it is a finite number. */
function numberAt(config: Config, path: readonly string[]): number | null {
  let value: JsonValue | undefined = config;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    value = value[key];
  }
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

const first = <T>(values: readonly (T | null)[]): T | null =>
  values.find((v) => v !== null) ?? null;

/**
 * What a checkpoint's config.json says about training. `recurrent export` writes
 * `trainedSteps`; a validation loss is read from `valLoss`, `metrics.valLoss`,
 * `lastMetrics.valLoss` or a `best` valLoss, whichever the exporter wrote.
 */
export function trainingFactsOf(config: Config): {
  trainedSteps: number | null;
  valLoss: number | null;
  corpus: string | null;
} {
  const best =
    typeof config.best === 'object' &&
    config.best !== null &&
    !Array.isArray(config.best) &&
    config.best.metric === 'valLoss'
      ? numberAt(config, ['best', 'value'])
      : null;
  return {
    trainedSteps: first([numberAt(config, ['trainedSteps']), numberAt(config, ['step'])]),
    valLoss: first([
      numberAt(config, ['valLoss']),
      numberAt(config, ['metrics', 'valLoss']),
      numberAt(config, ['lastMetrics', 'valLoss']),
      best,
    ]),
    corpus: typeof config.corpus === 'string' ? config.corpus : null,
  };
}

export function charLmFacts(
  model: CharLm,
  about: Pick<CharLmFacts, 'origin' | 'source' | 'trainedSteps' | 'valLoss' | 'corpus'>,
): CharLmFacts {
  const hp = model.hyperParameters;
  return {
    ...about,
    cell: hp.cell,
    layers: hp.layers,
    units: hp.units,
    embeddingDim: hp.embeddingDim,
    vocabSize: model.vocabSize,
    parameters: model.variables.reduce((n, v) => n + v.variable.size, 0),
  };
}
