/**
 * A frozen (pretrained, never trained) image encoder behind the `ImageEncoder` interface:
 * a `Backbone` turns `[batch, size, size, 3]` RGB in [0, 1] into `[batch, outputSize]`, and
 * because it never changes, each distinct image is encoded once: vectors are remembered by
 * a 64-bit hash of the image's pixels (FNV-1a twice, with two offsets), so training for
 * thousands of steps on a few thousand images runs the backbone a few thousand times, not
 * once per batch row. `warm` encodes a list of images up front (outside any gradient tape).
 * The remembered vectors are plain arrays (no tensors); `weights` is empty.
 *
 * @example
 * const encoder = frozenEncoder({ kind: 'mobilenet-v2', inputSize: 32, backbone });
 * await encoder.warm(data.train.map((i) => i.pixels), (done, total) => {});
 * const v = encoder.encode(images); // [batch, 32, 32, 3] -> [batch, 1280]
 */
import { ShapeError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import type { ImageEncoder } from '../image-encoder.js';

/** A loaded pretrained network cut at its feature layer. */
export interface Backbone {
  /** `mobilenet-v2`, or the model.json and layer: what config.json records. */
  readonly kind: string;
  readonly outputSize: number;
  /** Width and height it reads (it resizes other sizes to this). */
  readonly inputSize: number;
  /** `[batch, h, w, 3]` RGB in [0, 1] (any size: it resizes) -> `[batch, outputSize]`. */
  features(images: tf.Tensor4D): tf.Tensor2D;
  /** A backbone that loads later (rebuilt from a checkpoint) loads here. */
  ready?(): Promise<void>;
}

export interface FrozenEncoder extends ImageEncoder {
  /** Encodes `images` (`inputSize`^2 x 3 values each) that are not remembered yet, `chunk` at a time. */
  warm(
    images: readonly Float32Array[],
    onProgress?: (done: number, total: number) => void,
  ): Promise<void>;
  /** Vectors remembered so far. */
  readonly remembered: number;
}

export interface FrozenEncoderOptions {
  readonly inputSize: number;
  readonly backbone: Backbone;
  /** Images per backbone call. */
  readonly chunk?: number;
  /** Most vectors remembered (the oldest are forgotten past it). */
  readonly maxRemembered?: number;
}

export const frozenEncoderDefaults = Object.freeze({
  chunk: 16, // a 224 x 224 MobileNetV2 batch of 16 holds ~300 MB of activations at its widest
  maxRemembered: 200_000, // 200,000 x 1,280 floats ~ 1 GB: more images than Flickr30k
});

/** 64-bit FNV-1a of the float bits, as a string key. */
export function pixelKey(pixels: Float32Array): string {
  const words = new Uint32Array(pixels.buffer, pixels.byteOffset, pixels.length);
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    a = Math.imul(a ^ w, 0x01000193);
    b = Math.imul(b ^ (w >>> 7) ^ i, 0x01000193);
  }
  return `${(a >>> 0).toString(36)}.${(b >>> 0).toString(36)}.${pixels.length}`;
}

/** Vectors remembered per backbone kind, shared by every encoder over that backbone. */
const memories = new Map<string, Map<string, Float32Array>>();

/** Adds precomputed vectors (a feature file's, keyed by `pixelKey`) to what `kind` remembers. */
export function rememberFeatures(kind: string, vectors: ReadonlyMap<string, Float32Array>): void {
  const memory = memories.get(kind) ?? new Map<string, Float32Array>();
  memories.set(kind, memory);
  for (const [key, vector] of vectors) memory.set(key, vector);
}

export function frozenEncoder(options: FrozenEncoderOptions): FrozenEncoder {
  const o = { ...frozenEncoderDefaults, ...options };
  const { backbone, inputSize } = o;
  const who = `${backbone.kind} encoder`;
  const perImage = inputSize * inputSize * 3;
  let memory = memories.get(backbone.kind);
  if (!memory) {
    memory = new Map();
    memories.set(backbone.kind, memory);
  }
  const mem = memory;

  const remember = (key: string, vector: Float32Array) => {
    if (mem.size >= o.maxRemembered) mem.delete(mem.keys().next().value!);
    mem.set(key, vector);
  };

  /** Runs the backbone on the images at `rows` of `pixels` and remembers their vectors. */
  const run = (pixels: Float32Array, rows: readonly number[], keys: readonly string[]) => {
    for (let start = 0; start < rows.length; start += o.chunk) {
      const part = rows.slice(start, start + o.chunk);
      const batch = new Float32Array(part.length * perImage);
      for (const [i, r] of part.entries()) {
        batch.set(pixels.subarray(r * perImage, (r + 1) * perImage), i * perImage);
      }
      const out = tf.tidy(() =>
        backbone.features(tf.tensor4d(batch, [part.length, inputSize, inputSize, 3])).dataSync(),
      ); // [part, outputSize]
      const d = backbone.outputSize;
      for (const [i, r] of part.entries()) {
        remember(keys[r]!, Float32Array.from(out.subarray(i * d, (i + 1) * d)));
      }
    }
  };

  return {
    kind: backbone.kind,
    inputSize,
    outputSize: backbone.outputSize,
    weights: [],
    get remembered() {
      return mem.size;
    },
    ready: async () => backbone.ready?.(),
    encode(images) {
      const [batch, h, w, c] = images.shape;
      if (h !== inputSize || w !== inputSize || c !== 3) {
        throw new ShapeError(
          `${who}: expected images of shape [batch, ${inputSize}, ${inputSize}, 3], got [${images.shape.join(', ')}]. Resize them with imageToModelInput(image, ${inputSize}).`,
        );
      }
      const pixels = images.dataSync() as Float32Array; // [batch, size, size, 3]
      const keys = Array.from({ length: batch }, (_, i) =>
        pixelKey(pixels.subarray(i * perImage, (i + 1) * perImage)),
      );
      const missing = keys.flatMap((k, i) => (mem.has(k) ? [] : [i]));
      if (missing.length > 0) run(pixels, missing, keys);
      const all = new Float32Array(batch * backbone.outputSize);
      for (const [i, k] of keys.entries()) all.set(mem.get(k)!, i * backbone.outputSize);
      return tf.tensor2d(all, [batch, backbone.outputSize]); // [batch, outputSize]
    },
    async warm(list, onProgress) {
      await backbone.ready?.();
      const keys = list.map((p) => pixelKey(p));
      const todo = list.flatMap((_, i) => (mem.has(keys[i]!) ? [] : [i]));
      for (let start = 0; start < todo.length; start += o.chunk) {
        const rows = todo.slice(start, start + o.chunk);
        const pixels = new Float32Array(rows.length * perImage);
        rows.forEach((r, i) => {
          if (list[r]!.length !== perImage) {
            throw new ShapeError(
              `${who}: expected image ${r} to hold ${inputSize} x ${inputSize} x 3 = ${perImage} values, got ${list[r]!.length}.`,
            );
          }
          pixels.set(list[r]!, i * perImage);
        });
        run(
          pixels,
          rows.map((_, i) => i),
          rows.map((r) => keys[r]!),
        );
        onProgress?.(Math.min(start + o.chunk, todo.length), todo.length);
        await new Promise((resolve) => setTimeout(resolve, 0)); // let an abort or a log line through
      }
    },
  };
}
