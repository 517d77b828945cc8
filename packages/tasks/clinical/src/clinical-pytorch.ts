/**
 * The clinical model in PyTorch's layout, for `recurrent export --format pytorch` and
 * `recurrent import`. `recurrent_torch.ClinicalModel` (python/) runs the same masked loop
 * over the hourly grid and the same head on every hour:
 *
 *   rnn.weight_ih_l0, ...      nn.LSTM/GRU names           toPytorch of @recurrent/cells
 *   head.weight, head.bias     [1, units], [1]             nn.Linear (our kernel transposed)
 *
 * GRU-D (no nn.Module of PyTorch's own) keeps nn.GRU's names and r, z, n row order for its
 * GRU part and adds its mask kernel and decays (`recurrent_torch.GruD`):
 *
 *   rnn.weight_ih_l0 [3H, in], rnn.weight_hh_l0 [3H, H], rnn.weight_mh_l0 [3H, in] (mask),
 *   rnn.bias_ih_l0 [3H], rnn.bias_hh_l0 [3H] (zeros; summed on import: reset before the matmul),
 *   rnn.input_decay_weight_l0 [in], rnn.input_decay_bias_l0 [in],
 *   rnn.hidden_decay_weight_l0 [H, in], rnn.hidden_decay_bias_l0 [H]
 *
 * config.json keeps the normaliser and the loss weight of deaths (`risk` subtracts its log).
 *
 * @example
 * const { stateDict } = clinicalPytorch.toPytorch(model); // 'rnn.weight_ih_l0': [4*units, 121]
 */
import { type Cell, fromPytorch, type GruDCell, toPytorch } from '@recurrent/cells';
import { CheckpointError } from '@recurrent/errors';
import { type PytorchMapping, readStateDict } from '@recurrent/task';
import { collectWeights } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { type ClinicalHyperParameters, clinicalLegacyDefaults } from './clinical-defaults.js';
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

/** Swaps the first two of three blocks along `axis` (our z, r, h <-> PyTorch's r, z, n). */
function swapGruBlocks(t: tf.Tensor, axis: number): tf.Tensor {
  const [a, b, c] = tf.split(t, 3, axis);
  return tf.concat([b!, a!, c!], axis);
}

function gruDStateDict(cell: GruDCell): Record<string, tf.Tensor> {
  return {
    weight_ih_l0: swapGruBlocks(tf.transpose(cell.kernel), 0), // [3H, in]
    weight_hh_l0: swapGruBlocks(tf.transpose(cell.recurrentKernel), 0), // [3H, H]
    weight_mh_l0: swapGruBlocks(tf.transpose(cell.maskKernel), 0), // [3H, in]
    bias_ih_l0: swapGruBlocks(cell.bias, 0), // [3H]
    bias_hh_l0: tf.zerosLike(cell.bias), // [3H]
    input_decay_weight_l0: tf.clone(cell.inputDecayKernel), // [in]
    input_decay_bias_l0: tf.clone(cell.inputDecayBias), // [in]
    hidden_decay_weight_l0: tf.transpose(cell.hiddenDecayKernel), // [H, in]
    hidden_decay_bias_l0: tf.clone(cell.hiddenDecayBias), // [H]
  };
}

function loadGruD(cell: GruDCell, get: (name: string) => tf.Tensor): void {
  const back = (name: string) => tf.transpose(swapGruBlocks(get(name), 0)); // [in or H, 3H]
  cell.kernel.assign(back('weight_ih_l0'));
  cell.recurrentKernel.assign(back('weight_hh_l0'));
  cell.maskKernel.assign(back('weight_mh_l0'));
  cell.bias.assign(swapGruBlocks(tf.add(get('bias_ih_l0'), get('bias_hh_l0')), 0)); // [3H]
  cell.inputDecayKernel.assign(get('input_decay_weight_l0'));
  cell.inputDecayBias.assign(get('input_decay_bias_l0'));
  cell.hiddenDecayKernel.assign(tf.transpose(get('hidden_decay_weight_l0'))); // [in, H]
  cell.hiddenDecayBias.assign(get('hidden_decay_bias_l0'));
}

function stateDictOf(model: ClinicalModel): Record<string, tf.Tensor> {
  return tf.tidy(() => {
    const rnn =
      model.cell.kind === 'gru-d'
        ? gruDStateDict(model.cell as GruDCell)
        : toPytorch(model.cell as Cell); // weight_ih_l0 [gates*units, in], ...
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
        resetAfter: hp.cell !== 'gru-d', // GRU and LSTM as PyTorch; GRU-D resets before the matmul
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
      hyperParameters: resolveClinicalHyperParameters('default', {
        ...clinicalLegacyDefaults, // an export from before an option existed: its old value
        ...(config.hyperParameters as Partial<ClinicalHyperParameters>),
      }),
      normalizer: config.normalizer,
      positiveWeight,
    });
    try {
      const { get, group } = readStateDict(where, stateDictOf(model), stateDict);
      tf.tidy(() => {
        const rnn = group(RNN);
        if (model.cell.kind === 'gru-d') loadGruD(model.cell as GruDCell, (n) => rnn[n]!);
        else fromPytorch(model.cell as Cell, rnn);
        variableOf(model, 'dense_0/kernel').assign(tf.transpose(get('head.weight'))); // [units, 1]
        variableOf(model, 'dense_0/bias').assign(get('head.bias')); // [1]
      });
      return await collectWeights(model.variables);
    } finally {
      model.dispose();
    }
  },
};
