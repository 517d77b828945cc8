/**
 * The char-LM model: embedding -> one or more recurrent layers (LSTM, GRU or simple RNN)
 * -> dense logits over the vocabulary. Pure data plus `forward`; training, evaluation and
 * generation live in their own files.
 *
 * @example
 * const model = createCharLm({ vocabulary, hyperParameters: resolveHyperParameters('tiny') });
 * const { logits, state } = model.forward(ids); // [batch, time, vocab], one [batch, units] per state
 */
import {
  type Cell,
  dense,
  embedding,
  gruCell,
  lstmCell,
  runRnn,
  simpleRnnCell,
  stackCells,
} from '@recurrent/cells';
import type { Vocabulary } from '@recurrent/data';
import type { NamedVariable } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import type { CharLmHyperParameters } from './char-lm-defaults.js';

export interface CharLmForwardOptions {
  /** State to start from (one [batch, units] tensor per entry of `model.stateSize`); default zeros. */
  readonly initialState?: tf.Tensor2D[];
  /** Dropout on (training). Default false. */
  readonly training?: boolean;
  /** Seed for this call's dropout masks. */
  readonly dropoutSeed?: number;
}

export interface CharLm {
  readonly hyperParameters: CharLmHyperParameters;
  readonly vocabulary: Vocabulary;
  readonly vocabSize: number;
  /** The recurrent part (a stack when layers > 1). */
  readonly rnn: Cell;
  readonly variables: readonly NamedVariable[];
  /** ids int32 [batch, time] -> logits [batch, time, vocab] and the final state. */
  forward(
    ids: tf.Tensor2D,
    options?: CharLmForwardOptions,
  ): { logits: tf.Tensor3D; state: tf.Tensor2D[] };
  /** One step for generation: ids [batch] -> logits [batch, vocab], next state. */
  step(ids: tf.Tensor1D, state: tf.Tensor2D[]): { logits: tf.Tensor2D; state: tf.Tensor2D[] };
  initialState(batch: number): tf.Tensor2D[];
  dispose(): void;
}

export interface CreateCharLmOptions {
  readonly vocabulary: Vocabulary;
  readonly hyperParameters: CharLmHyperParameters;
}

function makeCell(hp: CharLmHyperParameters, layer: number, inputSize: number): Cell {
  const common = {
    inputSize,
    units: hp.units,
    seed: hp.seed + 101 * (layer + 1),
    initializer: hp.kernelInit,
  };
  if (hp.cell === 'lstm') {
    return lstmCell({
      ...common,
      name: `lstm_${layer}`,
      unitForgetBias: hp.forgetBias === 1,
      recurrentBias: hp.secondBias,
    });
  }
  if (hp.cell === 'gru') return gruCell({ ...common, name: `gru_${layer}` });
  return simpleRnnCell({ ...common, name: `rnn_${layer}` });
}

export function createCharLm({ vocabulary, hyperParameters: hp }: CreateCharLmOptions): CharLm {
  const vocabSize = vocabulary.size;
  const embed = embedding({
    vocabSize,
    dim: hp.embeddingDim,
    seed: hp.seed,
    name: 'embedding_0',
    initializer: hp.embeddingInit,
  });
  const layers = Array.from({ length: hp.layers }, (_, k) =>
    makeCell(hp, k, k === 0 ? hp.embeddingDim : hp.units),
  );
  const rnn: Cell =
    layers.length === 1
      ? layers[0]!
      : stackCells(layers, { dropout: hp.dropout, seed: hp.seed + 7 });
  const headLayer = dense({
    inputSize: hp.units,
    units: vocabSize,
    name: 'dense_0',
    seed: hp.seed + 3,
  }); // [units] -> [vocab]
  const variables: NamedVariable[] = [
    ...embed.weights.map((w) => ({ name: w.name, variable: w.variable })),
    ...rnn.weights.map((w) => ({ name: w.name, variable: w.variable })),
    ...headLayer.weights.map((w) => ({ name: w.name, variable: w.variable })),
  ];

  const head = (h: tf.Tensor2D): tf.Tensor2D => headLayer.apply(h); // [rows, vocab]

  return {
    hyperParameters: hp,
    vocabulary,
    vocabSize,
    rnn,
    variables,
    forward(ids, options = {}) {
      const [batch, time] = ids.shape;
      const x = embed.apply(ids).output as tf.Tensor3D; // [batch, time, emb]
      const { sequence, state } = runRnn(rnn, x, {
        returnSequences: true,
        training: options.training ?? false,
        // Masks between stacked layers from this call's seed: a resumed run draws the same ones.
        ...(options.dropoutSeed !== undefined ? { dropoutSeed: options.dropoutSeed + 1 } : {}),
        ...(options.initialState ? { initialState: options.initialState } : {}),
      });
      let hs = tf.reshape(sequence!, [batch * time, rnn.outputSize]) as tf.Tensor2D; // [batch*time, units]
      if (options.training && hp.dropout > 0)
        hs = tf.dropout(hs, hp.dropout, undefined, options.dropoutSeed) as tf.Tensor2D;
      const logits = tf.reshape(head(hs), [batch, time, vocabSize]) as tf.Tensor3D; // [batch, time, vocab]
      return { logits, state };
    },
    step(ids, state) {
      const x = embed.apply(ids).output as tf.Tensor2D; // [batch, emb]
      const res = rnn.step(x, state);
      return { logits: head(res.output), state: res.state }; // [batch, vocab]
    },
    initialState(batch) {
      return rnn.initialState(batch);
    },
    dispose() {
      for (const v of variables) v.variable.dispose();
    },
  };
}
