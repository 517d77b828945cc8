/**
 * The sentiment model in PyTorch's layout, for `recurrent export --format pytorch` and
 * `recurrent import`. `recurrent_torch.SentimentModel` (python/) holds the same modules and
 * runs the same masked loop and pooling:
 *
 *   embedding.weight                      [vocab, embeddingDim]     nn.Embedding
 *   rnn.weight_ih_l{k}[_reverse], ...     nn.LSTM/GRU/RNN names     toPytorch of @recurrent/cells
 *   head.weight, head.bias                [outputs, rnn out], [outputs]   nn.Linear
 *
 * @example
 * const { stateDict } = sentimentPytorch.toPytorch(model); // 'rnn.weight_ih_l0_reverse' when bidirectional
 */
import { fromPytorch, toPytorch } from '@recurrent/cells';
import { tokenizerFromJSON, Vocabulary } from '@recurrent/data';
import { CheckpointError } from '@recurrent/errors';
import { type PytorchMapping, readStateDict } from '@recurrent/task';
import { collectWeights } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { createSentimentModel, type SentimentModel } from './create-sentiment-model.js';
import { resolveSentimentHyperParameters } from './resolve-sentiment-hyper-parameters.js';
import { type SentimentHyperParameters, sentimentLegacyDefaults } from './sentiment-defaults.js';

const RNN = 'rnn.';

function variableOf(model: SentimentModel, name: string): tf.Variable {
  const found = model.variables.find((v) => v.name === name);
  if (!found) throw new CheckpointError(`sentiment: the model has no weight "${name}".`);
  return found.variable;
}

function stateDictOf(model: SentimentModel): Record<string, tf.Tensor> {
  return tf.tidy(() => {
    const rnn = toPytorch(model.rnn); // weight_ih_l0[_reverse] [gates*units, in], ...
    return {
      'embedding.weight': tf.clone(variableOf(model, 'embedding_0/embeddings')), // [vocab, emb]
      ...Object.fromEntries(Object.entries(rnn).map(([k, t]) => [`${RNN}${k}`, t])),
      'head.weight': tf.transpose(variableOf(model, 'dense_0/kernel')), // [outputs, rnn out]
      'head.bias': tf.clone(variableOf(model, 'dense_0/bias')), // [outputs]
    };
  });
}

export const sentimentPytorch: PytorchMapping<SentimentModel> = {
  toPytorch(model) {
    const hp = model.hyperParameters;
    return {
      stateDict: stateDictOf(model),
      config: {
        model: 'SentimentModel',
        vocabSize: model.vocabulary.size,
        embeddingDim: hp.embeddingDim,
        cell: hp.cell,
        layers: hp.layers,
        units: hp.units,
        bidirectional: hp.bidirectional,
        pooling: hp.pooling,
        outputs: model.outputs,
        resetAfter: true, // our GRU cells apply the reset gate after the recurrent matmul
        dropout: hp.dropout,
      },
    };
  },

  async fromPytorch(config, stateDict, where) {
    const labels = config.labels;
    if (!Array.isArray(labels) || !labels.every((l) => typeof l === 'string')) {
      throw new CheckpointError(
        `${where}: config.json has no label names (expected "labels": ["negative", "positive"], got ${JSON.stringify(labels ?? null)}). Keep config.json as recurrent export wrote it.`,
      );
    }
    const model = createSentimentModel({
      vocabulary: Vocabulary.fromJSON(config.vocabulary as never),
      tokenizer: tokenizerFromJSON(config.tokenizer),
      labels: labels as string[],
      hyperParameters: resolveSentimentHyperParameters('default', {
        ...sentimentLegacyDefaults, // an export from before an option existed: its old value
        ...(config.hyperParameters as Partial<SentimentHyperParameters>),
      }),
    });
    try {
      const { get, group } = readStateDict(where, stateDictOf(model), stateDict);
      tf.tidy(() => {
        const rnn = group(RNN);
        fromPytorch(model.rnn, rnn);
        variableOf(model, 'embedding_0/embeddings').assign(get('embedding.weight')); // [vocab, emb]
        variableOf(model, 'dense_0/kernel').assign(tf.transpose(get('head.weight'))); // [rnn out, outputs]
        variableOf(model, 'dense_0/bias').assign(get('head.bias')); // [outputs]
      });
      return await collectWeights(model.variables);
    } finally {
      model.dispose();
    }
  },
};
