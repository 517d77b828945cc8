/**
 * The captioning model with soft attention, Show, Attend and Tell style (Xu et al. 2015):
 * the CNN's last feature map is kept as a grid of cells (4 x 4 for 32-pixel images), each
 * cell's features plus its (x, y) coordinates become an annotation `a_i`, and at every word
 * an additive attention over the cells, queried by the LSTM's previous `h`, gives a context
 * vector that is read with the word's embedding and again by the output layer. The decoder
 * reads one place at a time, so it can name the colour and shape found there instead of
 * recalling combinations seen in training. The mean annotation sets the initial `(h, c)`.
 *
 * `attentionQuery` says which h fetches the context. `previous` (Xu et al.): h_{t-1}, before
 * the LSTM reads word t. `current` (Luong et al. 2015, with input feeding): the LSTM reads
 * word t with the context the last step fetched, then h_t, which has read the word, fetches
 * the context the output layer reads: after "a small red" the query knows "red" was said.
 *
 * The state that `stepper` carries is `[h, c]` per layer, (`current`: the context to feed
 * the next step, `[rows, encoderDim]`), then the annotations and their keys flattened to
 * `[rows, cells*encoderDim]` and `[rows, cells*attentionDim]` (so beam search reorders them
 * with the rest). `attention(state)` gives the weights the state's top h puts on the grid:
 * those the next step will use (`previous`), or those of the context the last word was
 * predicted from (`current`). An encoder without a grid (a frozen pretrained one) is read
 * as a grid of one cell. Masks are `[batch, time]` float32, 1 = real step.
 *
 * @example
 * const model = createCaptioningModel({ vocabulary, hyperParameters: resolveCaptioningHyperParameters('tiny') });
 * const alpha = model.attention?.(model.initialState(images)); // [batch, 16], rows sum to 1
 */

import type { LstmCell } from '@recurrent/cells';
import { dense, embedding, lstmCell, stackCells } from '@recurrent/cells';
import { type BeamStepper, gatherStateRows } from '@recurrent/decode';
import { ConfigError } from '@recurrent/errors';
import type { NamedVariable } from '@recurrent/train';
import { sequenceCrossEntropy } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { additiveAttention } from './additive-attention.js';
import type {
  CaptioningModel,
  CaptionState,
  CreateCaptioningModelOptions,
} from './create-captioning-model.js';
import { linear } from './linear.js';
import { scratchCnnEncoder } from './scratch-cnn-encoder.js';

/** `[cells, 2]`: each cell's (x, y) centre in [-1, 1] on a `side x side` grid, row-major. */
function cellCoordinates(cells: number): Float32Array {
  const side = Math.round(Math.sqrt(cells));
  const out = new Float32Array(cells * 2);
  if (side * side !== cells) return out; // not a square grid (one cell): no layout to give
  for (let i = 0; i < cells; i++) {
    out[2 * i] = (((i % side) + 0.5) / side) * 2 - 1;
    out[2 * i + 1] = ((Math.floor(i / side) + 0.5) / side) * 2 - 1;
  }
  return out;
}

export function createAttentionCaptioningModel(
  options: CreateCaptioningModelOptions,
): CaptioningModel {
  const { vocabulary, hyperParameters: hp } = options;
  if (hp.imageAs !== 'state') {
    throw new ConfigError(
      `createCaptioningModel: the attention decoder reads the image at every word, so imageAs applies to the show-and-tell decoder only; got imageAs "${hp.imageAs}" with decoder "attention". Use --decoder show-and-tell --image-as input (preset image-input), or drop --image-as.`,
    );
  }
  const encoder =
    options.encoder ??
    scratchCnnEncoder({
      inputSize: hp.imageSize,
      outputSize: hp.encoderDim,
      blocks: hp.cnnBlocks,
      channels: hp.cnnChannels,
      pooling: hp.cnnPooling,
      projection: false, // the annotations below read the grid itself
      seed: hp.seed,
    });
  const cells = encoder.grid?.cells ?? 1;
  const channels = encoder.grid?.channels ?? encoder.outputSize;
  const dim = hp.encoderDim; // width of each annotation a_i
  const coordinates = cellCoordinates(cells); // [cells, 2]
  const annotate = dense({
    inputSize: channels + 2,
    units: dim,
    name: 'annotations',
    seed: hp.seed + 7,
  });
  const attention = additiveAttention({
    valueSize: dim,
    querySize: hp.units,
    size: hp.attentionDim,
    name: 'attention',
    seed: hp.seed + 11,
  });
  const embed = embedding({
    vocabSize: vocabulary.size,
    dim: hp.embeddingDim,
    seed: hp.seed + 1,
    name: 'embedding_0',
    initializer: hp.embeddingInit,
  });
  const layers: LstmCell[] = Array.from({ length: hp.layers }, (_, k) =>
    lstmCell({
      inputSize: k === 0 ? hp.embeddingDim + dim : hp.units,
      units: hp.units,
      name: `lstm_${k}`,
      seed: hp.seed + 101 * (k + 1),
      initializer: hp.kernelInit,
      unitForgetBias: hp.forgetBias === 1,
    }),
  );
  const stateWidth = 2 * hp.units * hp.layers;
  const afterStep = hp.attentionQuery === 'current'; // Luong's order: attend after the word is read
  const n = 2 * hp.layers; // [h, c] per layer come first in the state
  const bridge = dense({ inputSize: dim, units: stateWidth, name: 'bridge', seed: hp.seed + 5 });
  // deep output (Xu et al.'s L_o): the word is read off h and the context together
  const head = dense({
    inputSize: hp.units + dim,
    units: vocabulary.size,
    name: 'dense_0',
    seed: hp.seed + 3,
  });
  const variables: NamedVariable[] = [
    ...encoder.weights,
    ...annotate.weights,
    ...attention.weights,
    ...embed.weights,
    ...layers.flatMap((l) => l.weights),
    ...bridge.weights,
    ...head.weights,
  ].map((w) => ({ name: w.name, variable: w.variable }));

  /** Images -> annotations `[batch, cells, dim]`. */
  const annotations = (images: tf.Tensor4D): tf.Tensor3D =>
    tf.tidy(() => {
      const batch = images.shape[0];
      const grid = encoder.encodeGrid
        ? encoder.encodeGrid(images) // [batch, cells, channels]
        : (tf.expandDims(encoder.encode(images), 1) as tf.Tensor3D); // [batch, 1, channels]
      const xy = tf.tile(tf.tensor3d(coordinates, [1, cells, 2]), [batch, 1, 1]); // [batch, cells, 2]
      const rows = tf.reshape(tf.concat([grid, xy], 2), [
        batch * cells,
        channels + 2,
      ]) as tf.Tensor2D; // [batch*cells, channels+2]
      return tf.reshape(annotate.apply(rows), [batch, cells, dim]) as tf.Tensor3D; // [batch, cells, dim]
    });

  /** One LSTM step per layer on `x` `[rows, in]` from `hs` (`[h, c]` per layer). */
  const lstmStep = (x: tf.Tensor2D, hs: tf.Tensor2D[]): tf.Tensor2D[] => {
    const next: tf.Tensor2D[] = [];
    let input = x;
    for (const [k, cell] of layers.entries()) {
      const h = hs[2 * k]!;
      const c = hs[2 * k + 1]!;
      // the cell's own weights through `linear`: autodiff of tf.matMul transposes, slow on wasm
      const z = tf.add(
        tf.add(
          linear(input, cell.kernel as tf.Tensor2D),
          linear(h, cell.recurrentKernel as tf.Tensor2D),
        ),
        cell.bias,
      ); // [rows, 4*units]
      const [zi, zf, zc, zo] = tf.split(z, 4, 1) as tf.Tensor2D[]; // 4 x [rows, units]
      const cNext = tf.add(
        tf.mul(tf.sigmoid(zf!), c),
        tf.mul(tf.sigmoid(zi!), tf.tanh(zc!)),
      ) as tf.Tensor2D; // [rows, units]
      const hNext = tf.mul(tf.sigmoid(zo!), tf.tanh(cNext)) as tf.Tensor2D; // [rows, units]
      next.push(hNext, cNext);
      input = hNext;
    }
    return next;
  };

  /**
   * One word: embedding `x` `[rows, embeddingDim]` -> next-word features `[rows, units+dim]`
   * and state. `previous`: the context is fetched by the previous h, read with the word and
   * by the output layer. `current`: the LSTM reads the word with the context the last step
   * fetched (`fed`), then the new h, which knows the word, fetches the context that the
   * output layer reads and the next step is fed.
   */
  const wordStep = (
    x: tf.Tensor2D,
    hs: tf.Tensor2D[],
    fed: tf.Tensor2D | null,
    values: tf.Tensor3D,
    keys: tf.Tensor3D,
  ): { features: tf.Tensor2D; hs: tf.Tensor2D[]; context: tf.Tensor2D } => {
    const topOf = (states: tf.Tensor2D[]) => states[2 * (hp.layers - 1)]!; // [rows, units]
    const before = fed ?? attention.attend(keys, values, topOf(hs)).context; // [rows, dim]
    const next = lstmStep(tf.concat([x, before], 1) as tf.Tensor2D, hs); // [rows, units] each
    const context = afterStep ? attention.attend(keys, values, topOf(next)).context : before; // [rows, dim]
    const features = tf.concat([topOf(next), context], 1) as tf.Tensor2D; // [rows, units+dim]
    return { features, hs: next, context };
  };

  const initialOf = (values: tf.Tensor3D): tf.Tensor2D[] => {
    const z = bridge.apply(tf.mean(values, 1) as tf.Tensor2D); // [batch, 2*units*layers]
    const parts = tf.split(z, 2 * hp.layers, 1) as tf.Tensor2D[]; // [batch, units] each
    return parts.map((p, i) => (i % 2 === 0 ? tf.tanh(p) : p)); // h in (-1, 1), c unbounded
  };

  /** Where the flattened grid starts in the state: after `[h, c]` per layer (and the fed context). */
  const gridAt = afterStep ? n + 1 : n;
  /** The state's last two tensors, back in `[rows, cells, width]`. */
  const gridOf = (state: CaptionState): { values: tf.Tensor3D; keys: tf.Tensor3D } => {
    const rows = state[0]!.shape[0];
    return {
      values: tf.reshape(state[gridAt]!, [rows, cells, dim]) as tf.Tensor3D,
      keys: tf.reshape(state[gridAt + 1]!, [rows, cells, hp.attentionDim]) as tf.Tensor3D,
    };
  };
  /** `current` only: the first word is fed the context the initial h fetches. */
  const firstFed = (hs: tf.Tensor2D[], values: tf.Tensor3D, keys: tf.Tensor3D) =>
    afterStep ? [attention.attend(keys, values, hs[2 * (hp.layers - 1)]!).context] : []; // [batch, dim]

  const initialState = (images: tf.Tensor4D): CaptionState =>
    tf.tidy(() => {
      const batch = images.shape[0];
      const values = annotations(images); // [batch, cells, dim]
      const keys = attention.keysOf(values); // [batch, cells, attentionDim]
      const hs = initialOf(values); // [batch, units] each
      return [
        ...hs,
        ...firstFed(hs, values, keys), // [batch, dim] (current only)
        tf.reshape(values, [batch, cells * dim]) as tf.Tensor2D, // [batch, cells*dim]
        tf.reshape(keys, [batch, cells * hp.attentionDim]) as tf.Tensor2D, // [batch, cells*attentionDim]
      ];
    });

  const logits = (images: tf.Tensor4D, inputs: tf.Tensor2D, _mask: tf.Tensor2D): tf.Tensor3D =>
    tf.tidy(() => {
      // padded steps (mask 0) are stepped too: only later padded steps read their state, and the loss masks those
      const [batch, time] = inputs.shape;
      const values = annotations(images); // [batch, cells, dim]
      const keys = attention.keysOf(values); // [batch, cells, attentionDim]
      let hs = initialOf(values); // [batch, units] each
      let fed: tf.Tensor2D | null = firstFed(hs, values, keys)[0] ?? null; // [batch, dim] (current only)
      const x = embed.apply(inputs).output as tf.Tensor3D; // [batch, time, embeddingDim]
      const xs = tf.unstack(x, 1) as tf.Tensor2D[]; // time x [batch, embeddingDim]
      const features: tf.Tensor2D[] = [];
      for (const xt of xs) {
        const out = wordStep(xt, hs, fed, values, keys);
        features.push(out.features); // [batch, units+dim]
        hs = out.hs;
        if (afterStep) fed = out.context;
      }
      const rows = tf.reshape(tf.stack(features, 1), [batch * time, hp.units + dim]) as tf.Tensor2D; // [batch*time, units+dim]
      return tf.reshape(head.apply(rows), [batch, time, vocabulary.size]) as tf.Tensor3D; // [batch, time, vocab]
    });

  const stepper: BeamStepper<CaptionState> = {
    step(tokens, state) {
      return tf.tidy(() => {
        const { values, keys } = gridOf(state);
        const ids = tf.tensor1d(tokens, 'int32'); // [rows]
        const x = embed.apply(ids).output as tf.Tensor2D; // [rows, embeddingDim]
        const out = wordStep(x, state.slice(0, n), afterStep ? state[n]! : null, values, keys);
        // the grid passes through unchanged (the same tensors: beam search keeps shared ones)
        const grid = [state[gridAt]!, state[gridAt + 1]!];
        const fed = afterStep ? [out.context] : []; // [rows, dim]
        return { logits: head.apply(out.features), state: [...out.hs, ...fed, ...grid] }; // [rows, vocab]
      }) as unknown as { logits: tf.Tensor2D; state: CaptionState };
    },
    selectRows: (state, rows) => gatherStateRows(state, rows),
  };

  return {
    hyperParameters: hp,
    vocabulary,
    encoder,
    decoder: layers.length === 1 ? layers[0]! : stackCells(layers),
    variables,
    initialState,
    logits,
    loss(images, inputs, targets, mask) {
      return tf.tidy(() => sequenceCrossEntropy(logits(images, inputs, mask), targets, mask));
    },
    stepper,
    attention(state) {
      return tf.tidy(() => {
        const { values, keys } = gridOf(state);
        return attention.attend(keys, values, state[2 * (hp.layers - 1)]!).weights; // [rows, cells]
      });
    },
    gridCells: cells,
    dispose() {
      for (const v of variables) v.variable.dispose();
    },
  };
}
