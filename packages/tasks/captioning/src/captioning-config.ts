/**
 * The JSON a captioning checkpoint carries in config.json (task, hyper-parameters, encoder,
 * vocabulary), and the model rebuilt from it: a checkpoint needs nothing else.
 */
import { Vocabulary } from '@recurrent/data';
import { CheckpointError } from '@recurrent/errors';
import { applyWeights, type Checkpoint, type JsonValue, loadCheckpoint } from '@recurrent/train';
import { type CaptioningHyperParameters, captioningLegacyDefaults } from './captioning-defaults.js';
import { type CaptioningModel, createCaptioningModel } from './create-captioning-model.js';
import { imageEncoderFor, isFrozenEncoder } from './encoders/image-encoder-for.js';
import { resolveCaptioningHyperParameters } from './resolve-captioning-hyper-parameters.js';

export const CAPTIONING_TASK = 'captioning';

export function captioningConfig(model: CaptioningModel): Record<string, JsonValue> {
  return {
    task: CAPTIONING_TASK,
    hyperParameters: { ...model.hyperParameters },
    encoder: model.encoder.kind,
    encoderOutputSize: model.encoder.outputSize,
    vocabulary: model.vocabulary.toJSON() as unknown as JsonValue,
  };
}

/** Builds a model from a decoded checkpoint and loads its weights. */
export function captioningFromCheckpoint(checkpoint: Checkpoint): CaptioningModel {
  const { config } = checkpoint;
  if (config.task !== CAPTIONING_TASK) {
    throw new CheckpointError(
      `${checkpoint.location}: expected a captioning checkpoint, got task ${JSON.stringify(config.task ?? null)}.`,
    );
  }
  const saved = config.hyperParameters as Partial<CaptioningHyperParameters>;
  // checkpoints from before the attention decoder carry no `decoder`: they are show-and-tell
  // ... nor the init choices: they started from the legacy ones
  const hp = resolveCaptioningHyperParameters('default', {
    decoder: 'show-and-tell',
    ...captioningLegacyDefaults,
    ...saved,
  });
  const frozen = isFrozenEncoder(hp);
  if (
    frozen
      ? typeof config.encoder !== 'string' || typeof config.encoderOutputSize !== 'number'
      : config.encoder !== 'scratch-cnn'
  ) {
    throw new CheckpointError(
      `${checkpoint.location}: expected ${frozen ? `a pretrained encoder's name and encoderOutputSize` : 'encoder "scratch-cnn"'} in config.json for hyper-parameter encoder ${JSON.stringify(hp.encoder)}, got encoder ${JSON.stringify(config.encoder ?? null)}, encoderOutputSize ${JSON.stringify(config.encoderOutputSize ?? null)}. Was config.json edited by hand?`,
    );
  }
  const encoder = frozen
    ? imageEncoderFor(hp, {
        kind: config.encoder as string,
        outputSize: config.encoderOutputSize as number,
      })
    : undefined;
  const model = createCaptioningModel({
    vocabulary: Vocabulary.fromJSON(config.vocabulary as never),
    hyperParameters: hp,
    ...(encoder ? { encoder } : {}),
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
 * Loads a captioning model from a checkpoint folder (Node path) or a URL; checksums are
 * verified before any weight is used.
 *
 * @example
 * const model = await loadCaptioningModel('runs/captioning/best');
 */
export async function loadCaptioningModel(location: string | URL): Promise<CaptioningModel> {
  return captioningFromCheckpoint(await loadCheckpoint(location));
}
