/**
 * decodeImage on the committed files of fixtures/images (written by
 * examples/write-dataset-fixtures.mjs): a PNG with alpha, a greyscale PNG and a JPEG decode
 * right and fit the encoder's input; a corrupt JPEG, a truncated JPEG and PNG, a GIF and a
 * WebP are each a DataFormatError naming the file.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { readFile } from 'node:fs/promises';
import { selectBackend } from '@recurrent/backends';
import { DataFormatError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeImage } from './decode-image.js';
import { imageToModelInput } from './image-to-model-input.js';
import { renderDefaults } from './render-scene.js';
import { fixture } from './test-utils/node-files.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const decodeFixture = async (name: string) => {
  const path = fixture('images', name);
  return decodeImage(new Uint8Array(await readFile(path)), path);
};

describe('decodeImage on fixture files', () => {
  it('decodes a PNG with alpha and composites it over the background', async () => {
    const image = await decodeFixture('alpha.png');
    expect([image.width, image.height]).toEqual([6, 4]);
    expect([...image.rgba.slice(0, 4)]).toEqual([255, 0, 0, 255]);
    expect([...image.rgba.slice(20, 24)]).toEqual([0, 255, 0, 0]);
    const pixels = imageToModelInput(image, 6); // already 6 wide; 4 high is resized
    expect(pixels).toHaveLength(6 * 6 * 3);
    const bg = renderDefaults.background;
    expect(pixels[0]).toBeCloseTo(1, 5); // opaque red
    expect([...pixels.slice(15, 18)].map((v) => Number(v.toFixed(5)))).toEqual([bg, bg, bg]);
  });

  it('decodes a greyscale PNG to equal channels', async () => {
    const image = await decodeFixture('grey.png');
    expect([image.width, image.height]).toEqual([5, 3]);
    for (let i = 0; i < 15; i++) {
      expect([...image.rgba.slice(4 * i, 4 * i + 4)]).toEqual([i * 17, i * 17, i * 17, 255]);
    }
  });

  it('decodes a 40 x 40 JPEG and resizes it to the 32 x 32 input, numTensors flat', async () => {
    const image = await decodeFixture('scene.jpg');
    expect([image.width, image.height]).toEqual([40, 40]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) imageToModelInput(image, 32);
    expect(tf.memory().numTensors).toBe(before);
    const pixels = imageToModelInput(image, 32);
    expect(pixels).toHaveLength(32 * 32 * 3);
    expect(Math.min(...pixels)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...pixels)).toBeLessThanOrEqual(1);
  });

  it.each([
    [
      'corrupt.jpg',
      /corrupt\.jpg: could not decode it as a JPEG image \(.+\)\. The file may be truncated or corrupt/,
    ],
    [
      'truncated.jpg',
      /truncated\.jpg: could not decode it as a JPEG image \(.+\)\. The file may be truncated/,
    ],
    [
      'truncated.png',
      /truncated\.png: could not decode it as a PNG image \(.+\)\. The file may be truncated/,
    ],
    [
      'pixel.gif',
      /pixel\.gif: expected a PNG or JPEG image, got a GIF image\. Convert it to PNG or JPEG/,
    ],
    [
      'photo.webp',
      /photo\.webp: expected a PNG or JPEG image, got a WebP image\. Convert it to PNG or JPEG/,
    ],
  ])('refuses %s, naming the file', async (name, message) => {
    const load = decodeFixture(name);
    await expect(load).rejects.toThrow(DataFormatError);
    await expect(load).rejects.toThrow(message);
  });
});
