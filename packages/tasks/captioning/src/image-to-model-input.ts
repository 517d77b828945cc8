/**
 * Turns a decoded image into what the encoder reads: RGB float32 in [0, 1] at the model's
 * size (bilinear resize, no crop: a non-square image is squeezed). Transparent pixels are
 * composited over the scenes' background grey, so a PNG with alpha looks like a scene.
 *
 * @example
 * const pixels = imageToModelInput(await decodeImage(bytes, 'a.png'), 32); // Float32Array(32 * 32 * 3)
 */
import * as tf from '@tensorflow/tfjs-core';
import type { DecodedImage } from './decode-image.js';
import { renderDefaults } from './render-scene.js';

export function imageToModelInput(image: DecodedImage, size: number): Float32Array {
  const { width, height, rgba } = image;
  const rgb = new Float32Array(width * height * 3);
  const bg = renderDefaults.background;
  for (let i = 0; i < width * height; i++) {
    const alpha = rgba[4 * i + 3]! / 255;
    for (let c = 0; c < 3; c++)
      rgb[3 * i + c] = (rgba[4 * i + c]! / 255) * alpha + bg * (1 - alpha);
  }
  if (width === size && height === size) return rgb;
  return tf.tidy(() => {
    const x = tf.tensor3d(rgb, [height, width, 3]); // [h, w, 3]
    const resized = tf.image.resizeBilinear(x, [size, size], true); // [size, size, 3]
    return resized.dataSync() as Float32Array;
  });
}
