/**
 * The JSON a sentiment checkpoint carries in config.json (task, hyper-parameters,
 * vocabulary, tokenizer, label names), and the model rebuilt from it. A checkpoint is
 * self-describing: `loadSentimentModel` needs nothing else.
 */
import { tokenizerFromJSON, Vocabulary } from '@recurrent/data';
import { CheckpointError } from '@recurrent/errors';
import { applyWeights, type Checkpoint, type JsonValue, loadCheckpoint } from '@recurrent/train';
import { createSentimentModel, type SentimentModel } from './create-sentiment-model.js';
import { resolveSentimentHyperParameters } from './resolve-sentiment-hyper-parameters.js';
import { type SentimentHyperParameters, sentimentLegacyDefaults } from './sentiment-defaults.js';

export const SENTIMENT_TASK = 'sentiment';

export function sentimentConfig(model: SentimentModel): Record<string, JsonValue> {
  return {
    task: SENTIMENT_TASK,
    hyperParameters: { ...model.hyperParameters },
    vocabulary: model.vocabulary.toJSON() as unknown as JsonValue,
    tokenizer: { ...model.tokenizer.config },
    labels: [...model.labels],
    frozenEmbeddings: model.frozenEmbeddings,
  };
}

/** Builds a model from a decoded checkpoint and loads its weights. */
export function sentimentFromCheckpoint(checkpoint: Checkpoint): SentimentModel {
  const { config } = checkpoint;
  if (config.task !== SENTIMENT_TASK) {
    throw new CheckpointError(
      `${checkpoint.location}: expected a sentiment checkpoint, got task ${JSON.stringify(config.task ?? null)}.`,
    );
  }
  const labels = config.labels;
  if (!Array.isArray(labels) || !labels.every((l) => typeof l === 'string')) {
    throw new CheckpointError(
      `${checkpoint.location}: config.json has no label names (expected "labels": ["negative", "positive"], got ${JSON.stringify(labels ?? null)}). It was not written by @recurrent/sentiment.`,
    );
  }
  const hp = resolveSentimentHyperParameters('default', {
    ...sentimentLegacyDefaults, // a run saved before an option existed trained with its old value
    ...(config.hyperParameters as Partial<SentimentHyperParameters>),
  });
  const model = createSentimentModel({
    vocabulary: Vocabulary.fromJSON(config.vocabulary as never),
    tokenizer: tokenizerFromJSON(config.tokenizer),
    labels: labels as string[],
    hyperParameters: hp,
  });
  try {
    applyWeights(model.variables, checkpoint.weights, checkpoint.location);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return model;
}

/**
 * Loads a sentiment model from a checkpoint folder (Node path) or a URL; checksums are
 * verified before any weight is used.
 *
 * @example
 * const model = await loadSentimentModel('runs/sentiment/best');
 */
export async function loadSentimentModel(location: string | URL): Promise<SentimentModel> {
  return sentimentFromCheckpoint(await loadCheckpoint(location));
}
