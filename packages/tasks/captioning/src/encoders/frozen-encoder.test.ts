/**
 * The frozen encoder (wasm): each distinct image reaches the backbone once (batches of
 * remembered and new images give the backbone's own vectors, in order), `warm` fills the
 * memory up front, wrong shapes are refused, and numTensors stays flat over 1,000 encode
 * calls. Then the real MobileNetV2 from nsfwjs: 1,280 finite, non-constant features per
 * image, the same for an image whether encoded alone or in a batch.
 */
import { selectBackend } from '@recurrent/backends';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateScenes } from '../generate-scenes.js';
import { renderScene } from '../render-scene.js';
import { type Backbone, frozenEncoder } from './frozen-encoder.js';
import { loadMobilenetV2Backbone } from './mobilenet-v2-backbone.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

/** A backbone that counts the images it sees: per image, the mean of each channel and 1. */
function countingBackbone(kind: string): Backbone & { seen: number } {
  const b = {
    kind,
    outputSize: 4,
    inputSize: 32,
    seen: 0,
    features(images: tf.Tensor4D) {
      b.seen += images.shape[0];
      return tf.tidy(() =>
        tf.concat([tf.mean(images, [1, 2]), tf.ones([images.shape[0], 1])], 1),
      ) as tf.Tensor2D; // [batch, 4]
    },
  };
  return b;
}

const scenes = (count: number, seed: number) =>
  generateScenes({ split: 'train', count, seed, imageSize: 32 }).map(renderScene);

const stack = (pixels: readonly Float32Array[]) => {
  const all = new Float32Array(pixels.length * 32 * 32 * 3);
  for (const [i, p] of pixels.entries()) all.set(p, i * p.length);
  return tf.tensor4d(all, [pixels.length, 32, 32, 3]);
};

describe('frozenEncoder (wasm)', () => {
  it('runs the backbone once per distinct image and returns its vectors in order', () => {
    const backbone = countingBackbone('counting-1');
    const encoder = frozenEncoder({ inputSize: 32, backbone, chunk: 3 });
    expect(encoder.weights).toEqual([]);
    const pixels = scenes(6, 1);
    const first = stack(pixels.slice(0, 4));
    const a = encoder.encode(first);
    expect(backbone.seen).toBe(4);
    const mixed = stack([pixels[5]!, pixels[1]!, pixels[4]!, pixels[1]!]);
    const b = encoder.encode(mixed);
    expect(backbone.seen).toBe(6); // only images 5 and 4 were new
    const want = tf.tidy(() => backbone.features(mixed));
    expect(b.arraySync()).toEqual(want.arraySync());
    expect(b.arraySync()[1]).toEqual(a.arraySync()[1]);
    expect(encoder.remembered).toBe(6);
    tf.dispose([first, mixed, a, b, want]);
  });

  it('warms the memory up front and refuses images of the wrong size', async () => {
    const backbone = countingBackbone('counting-2');
    const encoder = frozenEncoder({ inputSize: 32, backbone, chunk: 4 });
    const progress: number[] = [];
    await encoder.warm(scenes(10, 2), (done) => progress.push(done));
    expect(progress).toEqual([4, 8, 10]);
    expect(backbone.seen).toBe(10);
    const x = stack(scenes(10, 2).slice(3, 7));
    encoder.encode(x).dispose();
    expect(backbone.seen).toBe(10);
    x.dispose();
    const small = tf.zeros([2, 16, 16, 3]) as tf.Tensor4D;
    expect(() => encoder.encode(small)).toThrow(
      'counting-2 encoder: expected images of shape [batch, 32, 32, 3], got [2, 16, 16, 3]. Resize them with imageToModelInput(image, 32).',
    );
    small.dispose();
  });

  it('keeps numTensors flat over 1,000 encode calls (new and remembered images)', () => {
    const encoder = frozenEncoder({ inputSize: 32, backbone: countingBackbone('counting-3') });
    const batches = Array.from({ length: 10 }, (_, i) => stack(scenes(8, 100 + i)));
    const before = tf.memory().numTensors;
    for (let i = 0; i < 1000; i++) encoder.encode(batches[i % 10]!).dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(batches);
  });
});

describe('MobileNetV2 from nsfwjs (wasm)', () => {
  it('gives 1,280 finite features per image, the same alone or in a batch, numTensors flat', async () => {
    const backbone = await loadMobilenetV2Backbone();
    expect(backbone.kind).toBe('mobilenet-v2');
    expect(backbone.outputSize).toBe(1280);
    const encoder = frozenEncoder({ inputSize: 32, backbone });
    const pixels = scenes(3, 3);
    const batch = stack(pixels);
    const alone = stack([pixels[2]!]);
    const before = tf.memory().numTensors;
    const all = encoder.encode(batch);
    expect(all.shape).toEqual([3, 1280]);
    const rows = all.arraySync();
    for (const row of rows) {
      expect(row.every(Number.isFinite)).toBe(true);
      expect(Math.max(...row)).toBeGreaterThan(Math.min(...row));
      expect(Math.min(...row)).toBeGreaterThanOrEqual(0); // after a ReLU
    }
    expect(rows[0]).not.toEqual(rows[1]);
    all.dispose();
    // a fresh run of the backbone on the image alone matches the batched, remembered vector
    const direct = tf.tidy(() => backbone.features(alone).arraySync()[0]!);
    for (const [i, v] of direct.entries()) expect(v).toBeCloseTo(rows[2]![i]!, 4);
    for (let i = 0; i < 50; i++) encoder.encode(i % 2 ? alone : batch).dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([batch, alone]);
  }, 300_000);
});
