/**
 * The clinical model in PyTorch's layout, for `recurrent export --format pytorch` and
 * `recurrent import`. `recurrent_torch.ClinicalModel` (python/) runs the same masked loop
 * over the hourly grid and the same head on every hour:
 *
 *   rnn.weight_ih_l0, ...      nn.LSTM/GRU names           toPytorch of @recurrent/cells
 *   head.weight, head.bias     [1, units], [1]             nn.Linear (our kernel transposed)
 *
 * config.json keeps the normaliser and the loss weight of deaths (`risk` subtracts its log).
 *
 * @example
 * const { stateDict } = clinicalPytorch.toPytorch(model); // 'rnn.weight_ih_l0': [4*units, 121]
 */
import { type Cell, fromPytorch, toPytorch } from '@recurrent/cells';
import { CheckpointError, ConfigError } from '@recurrent/errors';
import { checkStateDict, type PytorchMapping } from '@recurrent/task';
import { collectWeights, type TensorRecord } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import type { ClinicalHyperParameters } from './clinical-defaults.js';
import { type ClinicalModel, createClinicalModel } from './create-clinical-model.js';
import { inputSizeOf } from './encode-stays.js';
import { isNormalizer } from './normalizer.js';
import { resolveClinicalHyperParameters } from './resolve-clinical-hyper-parameters.js';

const RNN = 'rnn.';

function variableOf(model: ClinicalModel, name: string): tf.Variable {
  const found = model.variables.find((v) => v.name === name);
  if (!found) throw new CheckpointError(`clinical: the model has no weight "${name}".`);
  return found.variable;
}

function recurrentCell(model: ClinicalModel): Cell {
  if (model.cell.kind === 'gru-d') {
    throw new ConfigError(
      'clinical: the GRU-D cell has no PyTorch mapping yet (only LSTM and GRU models cross to PyTorch). Train with --cell gru or --cell lstm to export to PyTorch.',
    );
  }
  return model.cell as Cell;
}

function stateDictOf(model: ClinicalModel): Record<string, tf.Tensor> {
  const cell = recurrentCell(model);
  return tf.tidy(() => {
    const rnn = toPytorch(cell); // weight_ih_l0 [gates*units, in], ...
    return {
      ...Object.fromEntries(Object.entries(rnn).map(([k, t]) => [`${RNN}${k}`, t])),
      'head.weight': tf.transpose(variableOf(model, 'dense_0/kernel')), // [1, units]
      'head.bias': tf.clone(variableOf(model, 'dense_0/bias')), // [1]
    };
  });
}

export const clinicalPytorch: PytorchMapping<ClinicalModel> = {
  toPytorch(model) {
    const hp = model.hyperParameters;
    return {
      stateDict: stateDictOf(model),
      config: {
        model: 'ClinicalModel',
        cell: hp.cell,
        inputSize: inputSizeOf(hp.cell),
        units: hp.units,
        resetAfter: true, // our GRU cells apply the reset gate after the recurrent matmul
        positiveWeight: model.positiveWeight,
      },
    };
  },

  async fromPytorch(config, stateDict, where) {
    if (!isNormalizer(config.normalizer)) {
      throw new CheckpointError(
        `${where}: config.json has no valid "normalizer" (per-variable mean and std of the training split). Keep config.json as recurrent export wrote it.`,
      );
    }
    const positiveWeight = Number(config.positiveWeight);
    if (!(positiveWeight > 0)) {
      throw new CheckpointError(
        `${where}: expected a positive "positiveWeight" in config.json, got ${JSON.stringify(config.positiveWeight ?? null)}. Keep config.json as recurrent export wrote it.`,
      );
    }
    const model = createClinicalModel({
      hyperParameters: resolveClinicalHyperParameters(
        'default',
        config.hyperParameters as Partial<ClinicalHyperParameters>,
      ),
      normalizer: config.normalizer,
      positiveWeight,
    });
    try {
      const expected = stateDictOf(model);
      const shapes = Object.fromEntries(Object.entries(expected).map(([k, t]) => [k, t.shape]));
      tf.dispose(expected);
      checkStateDict(where, shapes, stateDict);
      tf.tidy(() => {
        const get = (name: string): tf.Tensor => {
          const r = stateDict.get(name) as TensorRecord;
          return tf.tensor(r.data, r.shape, 'float32');
        };
        const rnn = Object.fromEntries(
          Object.keys(shapes)
            .filter((k) => k.startsWith(RNN))
            .map((k) => [k.slice(RNN.length), get(k)]),
        );
        fromPytorch(recurrentCell(model), rnn);
        variableOf(model, 'dense_0/kernel').assign(tf.transpose(get('head.weight'))); // [units, 1]
        variableOf(model, 'dense_0/bias').assign(get('head.bias')); // [1]
      });
      return await collectWeights(model.variables);
    } finally {
      model.dispose();
    }
  },
};
