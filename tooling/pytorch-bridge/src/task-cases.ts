/**
 * The models the parity test crosses to PyTorch: for every registered task, small models of
 * each cell (LSTM, GRU, simple RNN), depth and direction, with a fixed input batch, the tfjs
 * forward on it (the numbers PyTorch must reproduce), and the checkpoint config the CLI writes.
 */
import {
  type CaptioningModel,
  captioningConfig,
  createCaptioningModel,
  type ImageAs,
  resolveCaptioningHyperParameters,
} from '@recurrent/captioning';
import {
  type CharLm,
  charLmConfig,
  createCharLm,
  resolveHyperParameters,
} from '@recurrent/char-lm';
import {
  type ClinicalModel,
  clinicalConfig,
  createClinicalModel,
  physionetTimeSeries,
  resolveClinicalHyperParameters,
} from '@recurrent/clinical';
import { Vocabulary, wordTokenizer } from '@recurrent/data';
import {
  createSentimentModel,
  resolveSentimentHyperParameters,
  type SentimentModel,
  sentimentConfig,
} from '@recurrent/sentiment';
import type { JsonValue, NamedVariable, TensorRecord } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';

export interface TaskCase {
  readonly name: string;
  readonly config: Record<string, JsonValue>;
  readonly variables: readonly NamedVariable[];
  /** The case's own model (a CharLm, SentimentModel, ClinicalModel or CaptioningModel). */
  readonly model: unknown;
  /** Model inputs, as python/recurrent_torch/parity.py reads them. */
  readonly batch: Map<string, TensorRecord>;
  /** Outputs of a model of this case (its own weights, or those of a checkpoint) on `batch`. */
  forward(model: unknown): Promise<Map<string, TensorRecord>>;
  /** The task whose fromCheckpoint rebuilds the model. */
  readonly task: string;
  dispose(): void;
}

/** Deterministic numbers in [-1, 1) (no RNG state to share between the two frameworks). */
const wave = (n: number, salt: number) =>
  Float32Array.from({ length: n }, (_, i) => Math.sin(1.7 * i + salt) * Math.cos(0.3 * i * salt));

const ids = (rows: number, time: number, vocab: number, salt: number) =>
  Int32Array.from(
    { length: rows * time },
    (_, i) => 4 + ((i * 7 + salt * 13 + ((i * i) % 11)) % (vocab - 4)),
  );

const maskOf = (lengths: readonly number[], time: number) =>
  Float32Array.from({ length: lengths.length * time }, (_, i) =>
    i % time < lengths[Math.floor(i / time)]! ? 1 : 0,
  );

async function records(named: Record<string, tf.Tensor>): Promise<Map<string, TensorRecord>> {
  const out = new Map<string, TensorRecord>();
  for (const [name, t] of Object.entries(named)) {
    out.set(name, {
      dtype: 'float32',
      shape: [...t.shape],
      data: (await t.data()) as Float32Array,
    });
  }
  tf.dispose(Object.values(named));
  return out;
}

const WORDS = 'the movie was not bad at all but rather good and the food cold'.split(' ');

export function charLmCase(cell: 'lstm' | 'gru' | 'rnn', layers: number): TaskCase {
  const vocabulary = Vocabulary.fromTokens('abcdefghij .,\n'.split(''));
  const model = createCharLm({
    vocabulary,
    hyperParameters: resolveHyperParameters('tiny', {
      cell,
      layers,
      units: 12,
      embeddingDim: 6,
      seed: 7,
    }),
  });
  const [B, T] = [3, 9];
  const input = ids(B, T, vocabulary.size, layers);
  return {
    name: `char-lm ${cell} x${layers}`,
    task: 'char-lm',
    config: charLmConfig(model),
    variables: model.variables,
    model,
    batch: new Map([['ids', { dtype: 'int32', shape: [B, T], data: input }]]),
    forward: (m) => {
      const { logits, state } = (m as CharLm).forward(tf.tensor2d(input, [B, T], 'int32'));
      return records({ logits, ...Object.fromEntries(state.map((s, i) => [`state_${i}`, s])) });
    },
    dispose: () => model.dispose(),
  };
}

export function sentimentCase(
  cell: 'lstm' | 'gru' | 'rnn',
  layers: number,
  bidirectional: boolean,
  pooling: 'last' | 'mean' | 'max',
  labels: readonly string[] = ['negative', 'positive'],
): TaskCase {
  const vocabulary = Vocabulary.fromTokens(WORDS.filter((w, i) => WORDS.indexOf(w) === i));
  const model = createSentimentModel({
    vocabulary,
    tokenizer: wordTokenizer(),
    labels,
    hyperParameters: resolveSentimentHyperParameters('tiny', {
      cell,
      layers,
      bidirectional,
      pooling,
      units: 10,
      embeddingDim: 6,
      seed: 5,
    }),
  });
  const lengths = [7, 3, 5, 1];
  const [B, T] = [lengths.length, 7];
  const input = ids(B, T, vocabulary.size, 3);
  const mask = maskOf(lengths, T);
  return {
    name: `sentiment ${bidirectional ? 'bi' : ''}${cell} x${layers} ${pooling}${labels.length > 2 ? ` ${labels.length} labels` : ''}`,
    task: 'sentiment',
    config: sentimentConfig(model),
    variables: model.variables,
    model,
    batch: new Map<string, TensorRecord>([
      ['ids', { dtype: 'int32', shape: [B, T], data: input }],
      ['mask', { dtype: 'float32', shape: [B, T], data: mask }],
    ]),
    forward: (m) =>
      records({
        logits: (m as SentimentModel).forward(
          tf.tensor2d(input, [B, T], 'int32'),
          tf.tensor2d(mask, [B, T]),
        ),
      }),
    dispose: () => model.dispose(),
  };
}

export function clinicalCase(cell: 'lstm' | 'gru' | 'gru-d'): TaskCase {
  const V = physionetTimeSeries.length;
  const normalizer = {
    log: new Array(V).fill(0),
    mean: new Array(V).fill(0),
    std: new Array(V).fill(1),
    staticMean: [0, 0, 0],
    staticStd: [1, 1, 1],
    clip: 5,
    fittedOn: 1,
  };
  const model = createClinicalModel({
    hyperParameters: resolveClinicalHyperParameters('tiny', { cell, units: 8, seed: 3 }),
    normalizer,
    positiveWeight: 6.5,
  });
  const lengths = [6, 2, 4];
  const [B, T] = [lengths.length, 6];
  const F = model.cell.inputSize;
  const x = wave(B * T * F, 2);
  const mask = maskOf(lengths, T);
  // GRU-D: about half the values observed each hour, and the hours since each was last seen.
  const observed = Float32Array.from(wave(B * T * F, 5), (v) => (v > 0 ? 1 : 0));
  const delta = Float32Array.from(wave(B * T * F, 7), (v) => 1 + 3 * Math.abs(v));
  const side = cell === 'gru-d';
  return {
    name: `clinical ${cell}`,
    task: 'clinical',
    config: clinicalConfig(model),
    variables: model.variables,
    model,
    batch: new Map<string, TensorRecord>([
      ['x', { dtype: 'float32', shape: [B, T, F], data: x }],
      ['mask', { dtype: 'float32', shape: [B, T], data: mask }],
      ...(side
        ? ([
            ['observed', { dtype: 'float32', shape: [B, T, F], data: observed }],
            ['delta', { dtype: 'float32', shape: [B, T, F], data: delta }],
          ] as [string, TensorRecord][])
        : []),
    ]),
    forward: (m) => {
      const mask2 = tf.tensor2d(mask, [B, T]);
      const { hourly, final } = (m as ClinicalModel).forward({
        x: tf.tensor3d(x, [B, T, F]),
        mask: mask2,
        labels: tf.zeros([B]) as tf.Tensor1D,
        ...(side && {
          observed: tf.tensor3d(observed, [B, T, F]),
          delta: tf.tensor3d(delta, [B, T, F]),
        }),
      });
      return records({ hourly, final });
    },
    dispose: () => model.dispose(),
  };
}

/**
 * A fixed batch of images (smooth colour waves in [0, 1]) and teacher-forced captions of
 * different lengths through the from-scratch CNN and the LSTM decoder: next-word logits.
 */
export function captioningCase(
  imageAs: ImageAs,
  layers: number,
  pooling: 'grid' | 'global',
): TaskCase {
  const vocabulary = Vocabulary.fromTokens(WORDS.filter((w, i) => WORDS.indexOf(w) === i));
  const model = createCaptioningModel({
    vocabulary,
    hyperParameters: resolveCaptioningHyperParameters('tiny', {
      imageSize: 16,
      cnnBlocks: 2,
      cnnChannels: 3,
      cnnPooling: pooling,
      encoderDim: 7,
      decoder: 'show-and-tell', // recurrent_torch.CaptioningModel's decoder; attention has no mapping yet
      imageAs,
      embeddingDim: 5,
      units: 8,
      layers,
      seed: 11,
    }),
  });
  const lengths = [6, 2, 4];
  const [B, T, S] = [lengths.length, 6, 16];
  const images = Float32Array.from(wave(B * S * S * 3, 3), (v) => (v + 1) / 2);
  const input = ids(B, T, vocabulary.size, 5);
  const mask = maskOf(lengths, T);
  return {
    name: `captioning ${imageAs} x${layers} ${pooling}`,
    task: 'captioning',
    config: captioningConfig(model),
    variables: model.variables,
    model,
    batch: new Map<string, TensorRecord>([
      ['images', { dtype: 'float32', shape: [B, S, S, 3], data: images }],
      ['ids', { dtype: 'int32', shape: [B, T], data: input }],
      ['mask', { dtype: 'float32', shape: [B, T], data: mask }],
    ]),
    forward: (m) =>
      records({
        logits: (m as CaptioningModel).logits(
          tf.tensor4d(images, [B, S, S, 3]),
          tf.tensor2d(input, [B, T], 'int32'),
          tf.tensor2d(mask, [B, T]),
        ),
      }),
    dispose: () => model.dispose(),
  };
}
