/**
 * The captioning model in PyTorch's layout, for `recurrent export --format pytorch` and
 * `recurrent import`. `recurrent_torch.CaptioningModel` (python/) runs the same from-scratch
 * CNN ("same" padding as conv2d-same.ts pads, ReLU, 2x2 max-pool, grid or global average),
 * the same bridge to the decoder and the same masked LSTM decoder:
 *
 *   encoder.conv{b}.weight, .bias     [out, in, 3, 3], [out]   nn.Conv2d (ours [3, 3, in, out]), b = 1..blocks
 *   encoder.proj.weight, .bias        [encoderDim, cells*c]    nn.Linear (grid cells in (row, col, channel) order)
 *   init_h.weight, .bias              [layers*units, encoderDim]  imageAs 'state': h0 = tanh(init_h(v)), layer 0 first
 *   init_c.weight, .bias              [layers*units, encoderDim]  c0 = init_c(v)
 *   image_input.weight, .bias         [embeddingDim, encoderDim]  imageAs 'input': one step read before <bos>
 *   embedding.weight                  [vocab, embeddingDim]    nn.Embedding
 *   rnn.weight_ih_l{k}, ...           nn.LSTM names            toPytorch of @recurrent/cells
 *   head.weight, head.bias            [vocab, units], [vocab]  nn.Linear (our kernel transposed)
 *
 * Only the from-scratch CNN crosses; another encoder stays in tfjs (its features would).
 *
 * @example
 * const { stateDict } = captioningPytorch.toPytorch(model); // 'encoder.conv1.weight': [16, 3, 3, 3]
 */
import { fromPytorch, toPytorch } from '@recurrent/cells';
import { Vocabulary } from '@recurrent/data';
import { CheckpointError, ConfigError } from '@recurrent/errors';
import { type PytorchMapping, readStateDict } from '@recurrent/task';
import { collectWeights } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import type { CaptioningHyperParameters } from './captioning-defaults.js';
import { type CaptioningModel, createCaptioningModel } from './create-captioning-model.js';
import { resolveCaptioningHyperParameters } from './resolve-captioning-hyper-parameters.js';

const RNN = 'rnn.';

function variableOf(model: CaptioningModel, name: string): tf.Variable {
  const found = model.variables.find((v) => v.name === name);
  if (!found) throw new CheckpointError(`captioning: the model has no weight "${name}".`);
  return found.variable;
}

/** The bridge's columns (h0, c0, h1, c1, ...: `units` each) as init_h's and init_c's rows. */
function splitBridge(t: tf.Tensor, layers: number, axis: number): [tf.Tensor, tf.Tensor] {
  const parts = tf.split(t, 2 * layers, axis);
  const h = parts.filter((_, i) => i % 2 === 0);
  const c = parts.filter((_, i) => i % 2 === 1);
  return [tf.concat(h, axis), tf.concat(c, axis)];
}

/** init_h's and init_c's rows back into the bridge's interleaved (h, c) per layer order. */
function joinBridge(h: tf.Tensor, c: tf.Tensor, layers: number, axis: number): tf.Tensor {
  const hs = tf.split(h, layers, axis);
  const cs = tf.split(c, layers, axis);
  return tf.concat(
    hs.flatMap((p, k) => [p, cs[k]!]),
    axis,
  );
}

function stateDictOf(model: CaptioningModel): Record<string, tf.Tensor> {
  const hp = model.hyperParameters;
  return tf.tidy(() => {
    const out: Record<string, tf.Tensor> = {};
    for (let b = 0; b < hp.cnnBlocks; b++) {
      const kernel = variableOf(model, `cnn/conv_${b}/kernel`); // [3, 3, in, out]
      out[`encoder.conv${b + 1}.weight`] = tf.transpose(kernel, [3, 2, 0, 1]); // [out, in, 3, 3]
      out[`encoder.conv${b + 1}.bias`] = tf.clone(variableOf(model, `cnn/conv_${b}/bias`)); // [out]
    }
    out['encoder.proj.weight'] = tf.transpose(variableOf(model, 'cnn/proj/kernel')); // [encoderDim, cells*c]
    out['encoder.proj.bias'] = tf.clone(variableOf(model, 'cnn/proj/bias')); // [encoderDim]
    const kernel = variableOf(model, 'bridge/kernel'); // [encoderDim, stateWidth or embeddingDim]
    const bias = variableOf(model, 'bridge/bias');
    if (hp.imageAs === 'state') {
      const [kh, kc] = splitBridge(kernel, hp.layers, 1); // [encoderDim, layers*units] each
      const [bh, bc] = splitBridge(bias, hp.layers, 0); // [layers*units] each
      out['init_h.weight'] = tf.transpose(kh); // [layers*units, encoderDim]
      out['init_h.bias'] = bh;
      out['init_c.weight'] = tf.transpose(kc); // [layers*units, encoderDim]
      out['init_c.bias'] = bc;
    } else {
      out['image_input.weight'] = tf.transpose(kernel); // [embeddingDim, encoderDim]
      out['image_input.bias'] = tf.clone(bias); // [embeddingDim]
    }
    out['embedding.weight'] = tf.clone(variableOf(model, 'embedding_0/embeddings')); // [vocab, emb]
    for (const [k, t] of Object.entries(toPytorch(model.decoder))) out[`${RNN}${k}`] = t; // [4*units, in], ...
    out['head.weight'] = tf.transpose(variableOf(model, 'dense_0/kernel')); // [vocab, units]
    out['head.bias'] = tf.clone(variableOf(model, 'dense_0/bias')); // [vocab]
    return out;
  });
}

export const captioningPytorch: PytorchMapping<CaptioningModel> = {
  toPytorch(model) {
    if (model.encoder.kind !== 'scratch-cnn') {
      throw new ConfigError(
        `captioning: only the from-scratch CNN encoder crosses to PyTorch, got encoder "${model.encoder.kind}". Keep that encoder in tfjs and export a model built with the default scratch-cnn encoder.`,
      );
    }
    const hp = model.hyperParameters;
    if (hp.decoder === 'attention') {
      throw new ConfigError(
        'captioning: the attention decoder has no PyTorch mapping yet (recurrent_torch.CaptioningModel is the show-and-tell decoder), got decoder "attention". Train with --decoder show-and-tell to export to PyTorch.',
      );
    }
    return {
      stateDict: stateDictOf(model),
      config: {
        model: 'CaptioningModel',
        vocabSize: model.vocabulary.size,
        imageSize: hp.imageSize,
        cnnBlocks: hp.cnnBlocks,
        cnnChannels: hp.cnnChannels,
        cnnPooling: hp.cnnPooling,
        encoderDim: hp.encoderDim,
        imageAs: hp.imageAs,
        embeddingDim: hp.embeddingDim,
        units: hp.units,
        layers: hp.layers,
      },
    };
  },

  async fromPytorch(config, stateDict, where) {
    if (config.encoder !== 'scratch-cnn') {
      throw new CheckpointError(
        `${where}: expected encoder "scratch-cnn" in config.json, got ${JSON.stringify(config.encoder ?? null)}. Keep config.json as recurrent export wrote it.`,
      );
    }
    // only the show-and-tell decoder crosses, and exports from before the attention decoder name none
    const hp = resolveCaptioningHyperParameters('default', {
      decoder: 'show-and-tell',
      ...(config.hyperParameters as Partial<CaptioningHyperParameters>),
    });
    const model = createCaptioningModel({
      vocabulary: Vocabulary.fromJSON(config.vocabulary as never),
      hyperParameters: hp,
    });
    try {
      const { get, group } = readStateDict(where, stateDictOf(model), stateDict);
      tf.tidy(() => {
        for (let b = 0; b < hp.cnnBlocks; b++) {
          const weight = get(`encoder.conv${b + 1}.weight`); // [out, in, 3, 3]
          variableOf(model, `cnn/conv_${b}/kernel`).assign(tf.transpose(weight, [2, 3, 1, 0])); // [3, 3, in, out]
          variableOf(model, `cnn/conv_${b}/bias`).assign(get(`encoder.conv${b + 1}.bias`));
        }
        variableOf(model, 'cnn/proj/kernel').assign(tf.transpose(get('encoder.proj.weight'))); // [cells*c, encoderDim]
        variableOf(model, 'cnn/proj/bias').assign(get('encoder.proj.bias'));
        const kernel = variableOf(model, 'bridge/kernel');
        const bias = variableOf(model, 'bridge/bias');
        if (hp.imageAs === 'state') {
          const kh = tf.transpose(get('init_h.weight')); // [encoderDim, layers*units]
          const kc = tf.transpose(get('init_c.weight'));
          kernel.assign(joinBridge(kh, kc, hp.layers, 1)); // [encoderDim, stateWidth]
          bias.assign(joinBridge(get('init_h.bias'), get('init_c.bias'), hp.layers, 0)); // [stateWidth]
        } else {
          kernel.assign(tf.transpose(get('image_input.weight'))); // [encoderDim, embeddingDim]
          bias.assign(get('image_input.bias'));
        }
        variableOf(model, 'embedding_0/embeddings').assign(get('embedding.weight')); // [vocab, emb]
        fromPytorch(model.decoder, group(RNN));
        variableOf(model, 'dense_0/kernel').assign(tf.transpose(get('head.weight'))); // [units, vocab]
        variableOf(model, 'dense_0/bias').assign(get('head.bias')); // [vocab]
      });
      return await collectWeights(model.variables);
    } finally {
      model.dispose();
    }
  },
};
