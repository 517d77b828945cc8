/**
 * The JSON a clinical checkpoint carries in config.json (task, hyper-parameters, the
 * normaliser fitted on its training split, the loss weight of deaths, the variables in
 * input order), and the model rebuilt from it: a checkpoint predicts on a stay file with
 * nothing else.
 *
 * @example
 * const model = clinicalFromCheckpoint(await loadCheckpoint('runs/clinical/best'));
 */
import { CheckpointError } from '@recurrent/errors';
import { applyWeights, type Checkpoint, type JsonValue } from '@recurrent/train';
import { type ClinicalHyperParameters, clinicalLegacyDefaults } from './clinical-defaults.js';
import { type ClinicalModel, createClinicalModel } from './create-clinical-model.js';
import { isNormalizer } from './normalizer.js';
import { physionetTimeSeries } from './physionet-variables.js';
import { resolveClinicalHyperParameters } from './resolve-clinical-hyper-parameters.js';

export const CLINICAL_TASK = 'clinical';

export function clinicalConfig(model: ClinicalModel): Record<string, JsonValue> {
  return {
    task: CLINICAL_TASK,
    hyperParameters: { ...model.hyperParameters },
    normalizer: JSON.parse(JSON.stringify(model.normalizer)) as JsonValue,
    positiveWeight: model.positiveWeight,
    variables: physionetTimeSeries.map((v) => v.name),
  };
}

export function clinicalFromCheckpoint(checkpoint: Checkpoint): ClinicalModel {
  const { config } = checkpoint;
  if (config.task !== CLINICAL_TASK) {
    throw new CheckpointError(
      `${checkpoint.location}: expected a clinical checkpoint, got task ${JSON.stringify(config.task ?? null)}.`,
    );
  }
  if (!isNormalizer(config.normalizer)) {
    throw new CheckpointError(
      `${checkpoint.location}: config.json has no valid "normalizer" (per-variable mean and std of the training split, ${physionetTimeSeries.length} each); the checkpoint was not written by @recurrent/clinical or was edited. Train again.`,
    );
  }
  const positiveWeight = Number(config.positiveWeight);
  if (!(positiveWeight > 0)) {
    throw new CheckpointError(
      `${checkpoint.location}: expected a positive "positiveWeight" in config.json, got ${JSON.stringify(config.positiveWeight ?? null)}.`,
    );
  }
  const hp = resolveClinicalHyperParameters('default', {
    ...clinicalLegacyDefaults, // a run saved before an option existed trained with its old value
    ...(config.hyperParameters as Partial<ClinicalHyperParameters>),
  });
  const model = createClinicalModel({
    hyperParameters: hp,
    normalizer: config.normalizer,
    positiveWeight,
  });
  try {
    applyWeights(model.variables, checkpoint.weights, checkpoint.location);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return model;
}
