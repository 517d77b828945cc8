/**
 * The captioning model. `decoder: 'attention'` (the default) is built by
 * `createAttentionCaptioningModel` (soft attention over the CNN's grid); `show-and-tell`,
 * here, is Show and Tell's: an image encoder gives one vector per image,
 * the vector starts an LSTM decoder (as its initial state, or as the input of a step before
 * `<bos>`), and the decoder reads words and predicts the next one. Pure data plus
 * `loss` (teacher forcing, masked per-step cross-entropy) and `stepper` (one word at a time
 * for greedy and beam search). Masks are `[batch, time]` float32, 1 = real step.
 *
 * @example
 * const model = createCaptioningModel({ vocabulary, hyperParameters: resolveCaptioningHyperParameters('tiny') });
 * const loss = model.loss(images, inputs, targets, mask); // scalar, nats per word
 */
import { type Cell, dense, embedding, lstmCell, runRnn, stackCells } from '@recurrent/cells';
import type { Vocabulary } from '@recurrent/data';
import { type BeamStepper, gatherStateRows } from '@recurrent/decode';
import type { NamedVariable } from '@recurrent/train';
import { sequenceCrossEntropy } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import type { CaptioningHyperParameters } from './captioning-defaults.js';
import { createAttentionCaptioningModel } from './create-attention-captioning-model.js';
import type { ImageEncoder } from './image-encoder.js';
import { scratchCnnEncoder } from './scratch-cnn-encoder.js';

/**
 * The decoder's state: the LSTM stack's `[h, c]` per layer, `[batch, units]` each; the
 * attention decoder appends its annotations and their keys, flattened to 2-D.
 */
export type CaptionState = tf.Tensor2D[];

export interface CaptioningModel {
  readonly hyperParameters: CaptioningHyperParameters;
  readonly vocabulary: Vocabulary;
  readonly encoder: ImageEncoder;
  readonly decoder: Cell;
  /** Every weight, in a fixed order (the checkpoint's keys). */
  readonly variables: readonly NamedVariable[];
  /** Images `[batch, size, size, 3]` -> the decoder's state before `<bos>`. */
  initialState(images: tf.Tensor4D): CaptionState;
  /**
   * Teacher forcing: `inputs` (`<bos> w1 .. wn`, int32 `[batch, time]`) are read, `targets`
   * (`w1 .. wn <eos>`) predicted; the mean cross-entropy over the steps `mask` keeps.
   */
  loss(
    images: tf.Tensor4D,
    inputs: tf.Tensor2D,
    targets: tf.Tensor2D,
    mask: tf.Tensor2D,
  ): tf.Scalar;
  /**
   * Teacher forcing's next-word logits `[batch, time, vocab]` (what `loss` scores): `inputs`
   * int32 `[batch, time]` read from the image's initial state; padded steps carry the state.
   */
  logits(images: tf.Tensor4D, inputs: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor3D;
  /** Reads one word per row and returns the next word's logits: what greedy and beam search drive. */
  readonly stepper: BeamStepper<CaptionState>;
  /**
   * Attention decoder only: the weights over the grid cells (row-major, `gridCells` of
   * them) that the next `stepper.step` from `state` reads, `[rows, gridCells]`, each row
   * summing to 1. The caller disposes the result.
   */
  attention?(state: CaptionState): tf.Tensor2D;
  /** Attention decoder only: how many grid cells it attends over (16 for a 4 x 4 grid). */
  readonly gridCells?: number;
  dispose(): void;
}

export interface CreateCaptioningModelOptions {
  readonly vocabulary: Vocabulary;
  readonly hyperParameters: CaptioningHyperParameters;
  /** Another encoder; default the from-scratch CNN the hyper-parameters describe. */
  readonly encoder?: ImageEncoder;
}

export function createCaptioningModel(options: CreateCaptioningModelOptions): CaptioningModel {
  if (options.hyperParameters.decoder === 'attention') {
    return createAttentionCaptioningModel(options);
  }
  const { vocabulary, hyperParameters: hp } = options;
  const encoder =
    options.encoder ??
    scratchCnnEncoder({
      inputSize: hp.imageSize,
      outputSize: hp.encoderDim,
      blocks: hp.cnnBlocks,
      channels: hp.cnnChannels,
      pooling: hp.cnnPooling,
      seed: hp.seed,
    });
  const embed = embedding({
    vocabSize: vocabulary.size,
    dim: hp.embeddingDim,
    seed: hp.seed + 1,
    name: 'embedding_0',
    initializer: hp.embeddingInit,
  });
  const layers = Array.from({ length: hp.layers }, (_, k) =>
    lstmCell({
      inputSize: k === 0 ? hp.embeddingDim : hp.units,
      units: hp.units,
      name: `lstm_${k}`,
      seed: hp.seed + 101 * (k + 1),
      initializer: hp.kernelInit,
      unitForgetBias: hp.forgetBias === 1,
    }),
  );
  const decoder: Cell = layers.length === 1 ? layers[0]! : stackCells(layers);
  const stateWidth = decoder.stateSize.reduce((s, n) => s + n, 0);
  // state: the vector becomes every layer's (h, c); input: it becomes one embedding-sized step
  const bridge = dense({
    inputSize: encoder.outputSize,
    units: hp.imageAs === 'state' ? stateWidth : hp.embeddingDim,
    name: 'bridge',
    seed: hp.seed + 5,
  });
  const head = dense({
    inputSize: hp.units,
    units: vocabulary.size,
    name: 'dense_0',
    seed: hp.seed + 3,
  });
  const variables: NamedVariable[] = [
    ...encoder.weights,
    ...embed.weights,
    ...decoder.weights,
    ...bridge.weights,
    ...head.weights,
  ].map((w) => ({ name: w.name, variable: w.variable }));

  const initialState = (images: tf.Tensor4D): CaptionState =>
    tf.tidy(() => {
      const v = encoder.encode(images); // [batch, encoderDim]
      const z = bridge.apply(v); // [batch, stateWidth] or [batch, embeddingDim]
      if (hp.imageAs === 'input') {
        return decoder.step(z, decoder.initialState(images.shape[0])).state; // [batch, units] each
      }
      const parts = tf.split(z, decoder.stateSize as number[], 1) as tf.Tensor2D[]; // [batch, units] each
      return parts.map((p, i) => (i % 2 === 0 ? tf.tanh(p) : p)); // h in (-1, 1), c unbounded
    });

  const logits = (images: tf.Tensor4D, inputs: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor3D =>
    tf.tidy(() => {
      const [batch, time] = inputs.shape;
      const h0 = initialState(images); // [batch, units] each
      const x = embed.apply(inputs).output as tf.Tensor3D; // [batch, time, embeddingDim]
      const { sequence } = runRnn(decoder, x, { mask, initialState: h0, returnSequences: true });
      const rows = tf.reshape(sequence as tf.Tensor3D, [batch * time, hp.units]) as tf.Tensor2D; // [batch*time, units]
      return tf.reshape(head.apply(rows), [batch, time, vocabulary.size]) as tf.Tensor3D; // [batch, time, vocab]
    });

  const stepper: BeamStepper<CaptionState> = {
    step(tokens, state) {
      return tf.tidy(() => {
        const ids = tf.tensor1d(tokens, 'int32'); // [rows]
        const x = embed.apply(ids).output as tf.Tensor2D; // [rows, embeddingDim]
        const next = decoder.step(x, state); // output [rows, units]
        return { logits: head.apply(next.output), state: next.state }; // [rows, vocab]
      }) as unknown as { logits: tf.Tensor2D; state: CaptionState };
    },
    selectRows: (state, rows) => gatherStateRows(state, rows),
  };

  return {
    hyperParameters: hp,
    vocabulary,
    encoder,
    decoder,
    variables,
    initialState,
    logits,
    loss(images, inputs, targets, mask) {
      return tf.tidy(() => sequenceCrossEntropy(logits(images, inputs, mask), targets, mask));
    },
    stepper,
    dispose() {
      for (const v of variables) v.variable.dispose();
    },
  };
}
