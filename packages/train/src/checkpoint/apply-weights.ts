/**
 * Assigns checkpoint weights to a model's variables, by name, after checking every name,
 * shape and dtype first (so a mismatch leaves the model untouched).
 */
import { CheckpointError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import type { NamedVariable } from '../loop/trainable.js';
import type { TensorRecord } from './tensor-record.js';

/**
 * @example
 * applyWeights(model.variables, (await loadCheckpoint('runs/char-lm/best')).weights, 'runs/char-lm/best');
 */
export function applyWeights(
  variables: readonly NamedVariable[],
  weights: ReadonlyMap<string, TensorRecord>,
  where = 'checkpoint',
): void {
  const wanted = new Set(variables.map((v) => v.name));
  const extra = [...weights.keys()].filter((k) => !wanted.has(k));
  for (const { name, variable } of variables) {
    const record = weights.get(name);
    if (!record) {
      throw new CheckpointError(
        `${where}: weight "${name}" is missing; the checkpoint has ${[...weights.keys()].join(', ') || 'no weights'}. ` +
          'Build the model from the checkpoint config.json.',
      );
    }
    const want = variable.shape;
    if (want.length !== record.shape.length || want.some((d, i) => d !== record.shape[i])) {
      throw new CheckpointError(
        `${where}: weight "${name}": expected shape [${want.join(', ')}] (from the model), got [${record.shape.join(', ')}] (in the checkpoint). ` +
          'The checkpoint was trained with other hyper-parameters; build the model from its config.json.',
      );
    }
    if (variable.dtype !== record.dtype) {
      throw new CheckpointError(
        `${where}: weight "${name}": expected dtype ${variable.dtype}, got ${record.dtype}.`,
      );
    }
  }
  if (extra.length > 0) {
    throw new CheckpointError(
      `${where}: the checkpoint has weights the model does not: ${extra.join(', ')}. Build the model from the checkpoint config.json.`,
    );
  }
  tf.tidy(() => {
    for (const { name, variable } of variables) {
      const r = weights.get(name) as TensorRecord;
      variable.assign(tf.tensor(r.data, r.shape, r.dtype));
    }
  });
}
