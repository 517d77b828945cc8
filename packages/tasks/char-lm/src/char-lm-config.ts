/**
 * The JSON a char-LM checkpoint carries in config.json (task, hyper-parameters, vocabulary),
 * and the model rebuilt from it. A checkpoint is self-describing: `loadCharLm` needs nothing else.
 */
import { Vocabulary } from '@recurrent/data';
import { CheckpointError } from '@recurrent/errors';
import { applyWeights, type Checkpoint, type JsonValue, loadCheckpoint } from '@recurrent/train';
import { type CharLmHyperParameters, charLmLegacyDefaults } from './char-lm-defaults.js';
import { type CharLm, createCharLm } from './create-char-lm.js';
import { resolveHyperParameters } from './resolve-hyper-parameters.js';

export const CHAR_LM_TASK = 'char-lm';

export function charLmConfig(model: CharLm): Record<string, JsonValue> {
  return {
    task: CHAR_LM_TASK,
    hyperParameters: { ...model.hyperParameters },
    vocabulary: model.vocabulary.toJSON() as unknown as JsonValue,
  };
}

/** Builds a model from a decoded checkpoint and loads its weights. */
export function charLmFromCheckpoint(checkpoint: Checkpoint): CharLm {
  const { config } = checkpoint;
  if (config.task !== CHAR_LM_TASK) {
    throw new CheckpointError(
      `${checkpoint.location}: expected a char-lm checkpoint, got task ${JSON.stringify(config.task ?? null)}.`,
    );
  }
  const hp = resolveHyperParameters('default', {
    ...charLmLegacyDefaults, // a run saved before an option existed trained with its old value
    ...(config.hyperParameters as Partial<CharLmHyperParameters>),
  });
  const vocabulary = Vocabulary.fromJSON(config.vocabulary as never);
  const model = createCharLm({ vocabulary, hyperParameters: hp });
  try {
    applyWeights(model.variables, checkpoint.weights, checkpoint.location);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return model;
}

/**
 * Loads a char-LM from a checkpoint folder (Node path), a URL (fetch) or, in the browser, a
 * path relative to the page. Checksums are verified before any weight is used.
 *
 * @example
 * const model = await loadCharLm('runs/char-lm/best');
 */
export async function loadCharLm(location: string | URL): Promise<CharLm> {
  return charLmFromCheckpoint(await loadCheckpoint(location));
}
