/**
 * Image decoding on fixtures written here with the same pure-JS libraries: a PNG with
 * alpha, a greyscale PNG, a JPEG, a corrupt JPEG, a file that is no image and a missing
 * file, each error naming the file; and the path to the model's input (resize, alpha over
 * the background).
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { selectBackend } from '@recurrent/backends';
import { DataFormatError } from '@recurrent/errors';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { captionFiles } from './caption-files.js';
import { createCaptioningModel } from './create-captioning-model.js';
import { decodeImage } from './decode-image.js';
import { imageToModelInput } from './image-to-model-input.js';
import { prepareCaptioningData } from './prepare-captioning-data.js';
import { renderDefaults } from './render-scene.js';
import { resolveCaptioningHyperParameters } from './resolve-captioning-hyper-parameters.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

/** A w x h PNG: red left half opaque, right half fully transparent green. */
function pngWithAlpha(w: number, h: number): Uint8Array {
  const png = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const at = 4 * (y * w + x);
      const left = x < w / 2;
      png.data.set(left ? [255, 0, 0, 255] : [0, 255, 0, 0], at);
    }
  }
  return new Uint8Array(PNG.sync.write(png));
}

/** A greyscale PNG (colour type 0): a horizontal ramp. */
function greyPng(w: number, h: number): Uint8Array {
  const png = new PNG({ width: w, height: h });
  for (let i = 0; i < w * h; i++) {
    const v = Math.round((255 * (i % w)) / (w - 1));
    png.data.set([v, v, v, 255], 4 * i);
  }
  return new Uint8Array(PNG.sync.write(png, { colorType: 0 }));
}

function blueJpeg(w: number, h: number): Uint8Array {
  const data = Buffer.alloc(w * h * 4);
  for (let i = 0; i < w * h; i++) data.set([20, 40, 230, 255], 4 * i);
  return new Uint8Array(jpeg.encode({ data, width: w, height: h }, 95).data);
}

describe('decodeImage', () => {
  it('reads a PNG with alpha as RGBA', async () => {
    const image = await decodeImage(pngWithAlpha(8, 4), 'alpha.png');
    expect([image.width, image.height]).toEqual([8, 4]);
    expect([...image.rgba.slice(0, 4)]).toEqual([255, 0, 0, 255]);
    expect([...image.rgba.slice(4 * 7, 4 * 8)]).toEqual([0, 255, 0, 0]);
  });

  it('reads a greyscale PNG as RGBA with equal channels', async () => {
    const bytes = greyPng(16, 2);
    expect(bytes[25]).toBe(0); // IHDR colour type 0: the file really is greyscale
    const image = await decodeImage(bytes, 'grey.png');
    expect([...image.rgba.slice(4 * 15, 4 * 16)]).toEqual([255, 255, 255, 255]);
    expect([...image.rgba.slice(0, 4)]).toEqual([0, 0, 0, 255]);
  });

  it('reads a JPEG', async () => {
    const image = await decodeImage(blueJpeg(16, 16), 'blue.jpg');
    expect([image.width, image.height]).toEqual([16, 16]);
    const [r, g, b] = image.rgba;
    expect(Math.abs(r! - 20) + Math.abs(g! - 40) + Math.abs(b! - 230)).toBeLessThan(15);
  });

  it('names a corrupt JPEG, a file that is no image and an empty file', async () => {
    const good = blueJpeg(16, 16);
    const corrupt = Uint8Array.from(good);
    corrupt.fill(0x11, 20, 200); // the quantisation and Huffman tables overwritten
    await expect(decodeImage(corrupt, 'corrupt.jpg')).rejects.toThrow(
      /^corrupt\.jpg: could not decode it as a JPEG image \(.+\)\. The file may be truncated or corrupt; re-export it\.$/,
    );
    await expect(decodeImage(new TextEncoder().encode('hello'), 'notes.txt')).rejects.toThrow(
      'notes.txt: expected a PNG or JPEG image, got a file starting with bytes 68 65 6c 6c. Convert it to PNG or JPEG.',
    );
    await expect(decodeImage(new Uint8Array(0), 'empty.png')).rejects.toThrow(
      'empty.png: expected a PNG or JPEG image, got an empty file.',
    );
  });
});

describe('imageToModelInput', () => {
  it('composites alpha over the background and resizes to the model size', async () => {
    const pixels = imageToModelInput(await decodeImage(pngWithAlpha(64, 64), 'alpha.png'), 32);
    expect(pixels).toHaveLength(32 * 32 * 3);
    expect([...pixels.slice(0, 3)].map((v) => +v.toFixed(3))).toEqual([1, 0, 0]);
    const right = 3 * 31;
    const bg = renderDefaults.background;
    expect([...pixels.slice(right, right + 3)].map((v) => +v.toFixed(3))).toEqual([bg, bg, bg]);
  });
});

describe('captionFiles', () => {
  it('captions files and names a missing one', async () => {
    const hp = resolveCaptioningHyperParameters('tiny');
    const data = prepareCaptioningData({ scenes: 16, validationScenes: 2, heldOutScenes: 2 }, hp);
    const model = createCaptioningModel({ vocabulary: data.vocabulary, hyperParameters: hp });
    const files: Record<string, Uint8Array> = {
      'a.png': greyPng(40, 30),
      'b.jpg': blueJpeg(32, 32),
    };
    const read = async (path: string) => {
      const bytes = files[path];
      if (!bytes)
        throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
      return bytes;
    };
    const out = await captionFiles(model, ['a.png', 'b.jpg'], { beamWidth: 2, maxLength: 5, read });
    expect(out.map((o) => [o.source, o.width, o.height, o.captions.length])).toEqual([
      ['a.png', 40, 30, 2],
      ['b.jpg', 32, 32, 2],
    ]);
    await expect(captionFiles(model, ['missing.png'], { read })).rejects.toThrow(
      'missing.png: could not read the image (ENOENT). Check the path.',
    );
    const named = async (file: string): Promise<Uint8Array> => {
      throw new DataFormatError(`cannot read "${file}": EACCES. Check the path.`);
    };
    await expect(captionFiles(model, ['locked.png'], { read: named })).rejects.toThrow(
      /^cannot read "locked.png": EACCES. Check the path.$/, // passed on as the app wrote it
    );
    model.dispose();
  });
});
