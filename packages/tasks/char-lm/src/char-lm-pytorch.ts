/**
 * The char-LM in PyTorch's layout, for `recurrent export --format pytorch` and `recurrent
 * import`. `recurrent_torch.CharLm` (python/) holds the same three modules:
 *
 *   embedding.weight            [vocab, embeddingDim]       nn.Embedding (ours as it is)
 *   rnn.weight_ih_l{k}, ...     nn.LSTM/GRU/RNN names       toPytorch of @recurrent/cells
 *   head.weight, head.bias      [vocab, units], [vocab]     nn.Linear (our kernel transposed)
 *
 * @example
 * const { stateDict, config } = charLmPytorch.toPytorch(model); // stateDict['head.weight']: [93, 256]
 */
import { fromPytorch, toPytorch } from '@recurrent/cells';
import { Vocabulary } from '@recurrent/data';
import { CheckpointError } from '@recurrent/errors';
import { type PytorchMapping, readStateDict } from '@recurrent/task';
import { collectWeights, type NamedVariable } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { type CharLmHyperParameters, charLmLegacyDefaults } from './char-lm-defaults.js';
import { type CharLm, createCharLm } from './create-char-lm.js';
import { resolveHyperParameters } from './resolve-hyper-parameters.js';

const RNN = 'rnn.';

function variableOf(model: CharLm, name: string): tf.Variable {
  const found = model.variables.find((v: NamedVariable) => v.name === name);
  if (!found) throw new CheckpointError(`char-lm: the model has no weight "${name}".`);
  return found.variable;
}

function stateDictOf(model: CharLm): Record<string, tf.Tensor> {
  return tf.tidy(() => {
    const rnn = toPytorch(model.rnn); // weight_ih_l0 [gates*units, in], ...
    return {
      'embedding.weight': tf.clone(variableOf(model, 'embedding_0/embeddings')), // [vocab, emb]
      ...Object.fromEntries(Object.entries(rnn).map(([k, t]) => [`${RNN}${k}`, t])),
      'head.weight': tf.transpose(variableOf(model, 'dense_0/kernel')), // [vocab, units]
      'head.bias': tf.clone(variableOf(model, 'dense_0/bias')), // [vocab]
    };
  });
}

export const charLmPytorch: PytorchMapping<CharLm> = {
  toPytorch(model) {
    const hp = model.hyperParameters;
    return {
      stateDict: stateDictOf(model),
      config: {
        model: 'CharLm',
        vocabSize: model.vocabSize,
        embeddingDim: hp.embeddingDim,
        cell: hp.cell,
        layers: hp.layers,
        units: hp.units,
        resetAfter: true, // our GRU cells apply the reset gate after the recurrent matmul
        dropout: hp.dropout,
      },
    };
  },

  async fromPytorch(config, stateDict, where) {
    const hp = resolveHyperParameters('default', {
      ...charLmLegacyDefaults, // an export from before an option existed: its old value
      ...(config.hyperParameters as Partial<CharLmHyperParameters>),
    });
    const vocabulary = Vocabulary.fromJSON(config.vocabulary as never);
    const model = createCharLm({ vocabulary, hyperParameters: hp });
    try {
      const { get, group } = readStateDict(where, stateDictOf(model), stateDict);
      tf.tidy(() => {
        const rnn = group(RNN);
        fromPytorch(model.rnn, rnn);
        variableOf(model, 'embedding_0/embeddings').assign(get('embedding.weight')); // [vocab, emb]
        variableOf(model, 'dense_0/kernel').assign(tf.transpose(get('head.weight'))); // [units, vocab]
        variableOf(model, 'dense_0/bias').assign(get('head.bias')); // [vocab]
      });
      return await collectWeights(model.variables);
    } finally {
      model.dispose();
    }
  },
};
