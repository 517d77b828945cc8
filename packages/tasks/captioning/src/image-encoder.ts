/**
 * The one interface every image encoder implements: images in, one vector per image out.
 * The decoder only sees `outputSize` numbers per image, so encoders are interchangeable
 * (the from-scratch CNN, or a frozen pretrained model from encoders/).
 * Images are `[batch, inputSize, inputSize, 3]` float32 RGB in [0, 1].
 */
import type { NamedWeight } from '@recurrent/cells';
import type * as tf from '@tensorflow/tfjs-core';

export interface ImageEncoder {
  /** `scratch-cnn`: what config.json records. */
  readonly kind: string;
  /** Width and height in pixels of the images it reads. */
  readonly inputSize: number;
  /** Length of the vector per image. */
  readonly outputSize: number;
  /** Its trainable weights (empty for a frozen encoder), with stable names. */
  readonly weights: readonly NamedWeight[];
  /** `[batch, inputSize, inputSize, 3]` -> `[batch, outputSize]`. */
  encode(images: tf.Tensor4D): tf.Tensor2D;
  /**
   * The last feature map's size, for an encoder that also gives one (the attention decoder
   * reads it): `cells` grid cells in row-major order, `channels` features each.
   */
  readonly grid?: { readonly cells: number; readonly channels: number };
  /** `[batch, inputSize, inputSize, 3]` -> `[batch, grid.cells, grid.channels]`; only with `grid`. */
  encodeGrid?(images: tf.Tensor4D): tf.Tensor3D;
  /** A pretrained encoder rebuilt from a checkpoint loads its model here; await it before `encode`. */
  ready?(): Promise<void>;
}
