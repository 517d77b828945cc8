/**
 * Training batches as a pure function of the step (what an exact resume needs): step s
 * draws `batchSize` training images and one reference caption of each with
 * `createRandom(mixSeed(seed, s))`. Captions are padded to the longest in the batch:
 * `inputs` = `<bos> w1 .. wn`, `targets` = `w1 .. wn <eos>`, `mask` 1 on those n + 1 steps.
 * With `wordDropout` p > 0 each input word after `<bos>` becomes `<unk>` with chance p (drawn
 * after the picks, so p = 0 gives the same batches as before the option existed).
 */
import { mixSeed } from '@recurrent/data';
import { createRandom } from '@recurrent/random';
import * as tf from '@tensorflow/tfjs-core';
import type { CaptioningData } from './prepare-captioning-data.js';

export interface CaptionBatch {
  readonly images: tf.Tensor4D; // [batch, size, size, 3]
  readonly inputs: tf.Tensor2D; // [batch, time] int32
  readonly targets: tf.Tensor2D; // [batch, time] int32
  readonly mask: tf.Tensor2D; // [batch, time] float32
  /** Real target words in the batch (for tokens/s). */
  readonly words: number;
  readonly rows: number;
  dispose(): void;
}

/** Pixels of `images` stacked as one `[n, size, size, 3]` tensor. */
export function imagesTensor(pixels: readonly Float32Array[], size: number): tf.Tensor4D {
  const all = new Float32Array(pixels.length * size * size * 3);
  for (const [i, p] of pixels.entries()) all.set(p, i * p.length);
  return tf.tensor4d(all, [pixels.length, size, size, 3]);
}

export function captionBatchAt(
  data: CaptioningData,
  step: number,
  batchSize: number,
  seed: number,
  wordDropout = 0,
): CaptionBatch {
  const rng = createRandom(mixSeed(seed, step));
  const vocab = data.vocabulary;
  const picks = Array.from({ length: batchSize }, () => data.train[rng.int(data.train.length)]!);
  const captions = picks.map((image) =>
    vocab.encode(image.references[rng.int(image.references.length)]!),
  );
  const time = Math.max(...captions.map((c) => c.length)) + 1;
  const inputs = new Int32Array(batchSize * time);
  const targets = new Int32Array(batchSize * time);
  const mask = new Float32Array(batchSize * time);
  let words = 0;
  captions.forEach((ids, row) => {
    const at = row * time;
    inputs[at] = vocab.bosId;
    for (let t = 0; t < ids.length; t++) {
      inputs[at + t + 1] = ids[t]!;
      targets[at + t] = ids[t]!;
    }
    if (wordDropout > 0) {
      for (let t = 1; t <= ids.length; t++) {
        if (rng.next() < wordDropout) inputs[at + t] = vocab.unkId; // ids[t - 1] unseen
      }
    }
    targets[at + ids.length] = vocab.eosId;
    for (let t = 0; t <= ids.length; t++) mask[at + t] = 1;
    words += ids.length + 1;
  });
  const images = imagesTensor(
    picks.map((p) => p.pixels),
    data.hyperParameters.imageSize,
  );
  const batch = {
    images,
    inputs: tf.tensor2d(inputs, [batchSize, time], 'int32'),
    targets: tf.tensor2d(targets, [batchSize, time], 'int32'),
    mask: tf.tensor2d(mask, [batchSize, time]),
    words,
    rows: batchSize,
  };
  return {
    ...batch,
    dispose: () => tf.dispose([batch.images, batch.inputs, batch.targets, batch.mask]),
  };
}
