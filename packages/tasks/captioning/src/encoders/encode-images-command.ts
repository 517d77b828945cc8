/**
 * `recurrent data encode-images [--data <folder>] --encoder mobilenet-v2|<model.json> --out
 * features.bin`: runs a frozen encoder once over a data set and appends each image's vector
 * to a feature file, with a progress line (images/s, eta). A rerun skips the images already
 * in the file; an abort (Ctrl-C) or a crash leaves it whole up to the last image written.
 * `--data` is a folder of PNG/JPEG files (keys: file names, each read at `--image-size`, as
 * `train captioning --data ... --features` reads it; the encoder resizes to its own input);
 * without it, the generated scenes that `recurrent train captioning` would
 * make with the same scene options (keys: pixel hashes), for `train captioning --features`.
 */
import { ConfigError } from '@recurrent/errors';
import type { OptionSpecs, TaskCommand, TaskCommandContext } from '@recurrent/task';
import * as tf from '@tensorflow/tfjs-core';
import { captioningDefaults } from '../captioning-defaults.js';
import { captioningHyperParameterSpecs as hpSpecs } from '../captioning-hyper-parameter-specs.js';
import { captioningDataOptions } from '../captioning-options.js';
import { decodeImage } from '../decode-image.js';
import { imageToModelInput } from '../image-to-model-input.js';
import { prepareCaptioningData } from '../prepare-captioning-data.js';
import { resolveCaptioningHyperParameters } from '../resolve-captioning-hyper-parameters.js';
import { openFeatureWriter } from './feature-file.js';
import { pixelKey } from './frozen-encoder.js';
import { loadImageBackbone } from './image-encoder-for.js';

const who = 'data encode-images';
const count = (n: number) => n.toLocaleString('en-US');

const { features: _, ...sceneOptionSpecs } = captioningDataOptions; // the scene options only

export const encodeImagesOptions: OptionSpecs = Object.freeze({
  data: {
    type: 'path',
    help: 'a folder of PNG/JPEG images (default: the generated scenes of the scene options)',
  },
  out: { type: 'path', default: 'features.bin', help: 'the feature file, appended to (resumes)' },
  encoder: { ...hpSpecs.encoder!, default: 'mobilenet-v2' },
  encoderLayer: hpSpecs.encoderLayer!,
  encoderInputRange: hpSpecs.encoderInputRange!,
  imageSize: hpSpecs.imageSize!,
  chunk: {
    type: 'integer',
    default: 16,
    min: 1,
    max: 1024,
    help: 'images per encoder call (and per write)',
  },
  ...sceneOptionSpecs,
});

interface Item {
  readonly key: string;
  pixels(): Promise<Float32Array>;
}

const duration = (s: number) =>
  s >= 60
    ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`
    : `${s.toFixed(1)}s`;

export const encodeImagesCommand: TaskCommand = Object.freeze({
  path: ['data', 'encode-images'],
  usage:
    'recurrent data encode-images [--data <folder>] [--encoder mobilenet-v2|<model.json>] [--encoder-layer <name>] [--out features.bin]',
  summary:
    'encode images once with a frozen encoder into a feature file (resumable) for `train captioning --features`',
  options: encodeImagesOptions,
  async run(ctx: TaskCommandContext): Promise<number> {
    const v = ctx.values;
    if (ctx.positionals.length > 0) {
      throw new ConfigError(
        `${who}: expected no more words, got ${ctx.positionals.map((p) => JSON.stringify(p)).join(' ')}. Name the image folder with --data <folder>.`,
      );
    }
    const hp = resolveCaptioningHyperParameters('default', {
      encoder: String(v.encoder ?? 'mobilenet-v2'),
      encoderLayer: String(v.encoderLayer ?? captioningDefaults.encoderLayer),
      encoderInputRange: String(v.encoderInputRange ?? captioningDefaults.encoderInputRange),
      imageSize: Number(v.imageSize ?? captioningDefaults.imageSize),
    });
    if (hp.encoder === 'scratch') {
      throw new ConfigError(
        `${who}: expected a pretrained encoder (mobilenet-v2 or a model.json), got scratch, which trains with the decoder and has nothing to precompute.`,
      );
    }
    const out = String(v.out ?? 'features.bin');
    const chunk = Number(v.chunk ?? 16);
    const backbone = await loadImageBackbone(hp);
    let items: Item[];
    let source: string;
    const folder = typeof v.data === 'string' ? v.data : undefined;
    if (folder) {
      const names = (await ctx.files.list(folder)).filter((n) => /\.(png|jpe?g)$/i.test(n));
      if (names.length === 0) {
        throw new ConfigError(
          `${who}: expected PNG or JPEG files in ${folder}, got none. Point --data at the image folder (Flickr8k: Flicker8k_Dataset/).`,
        );
      }
      items = names.map((name) => ({
        key: name,
        pixels: async () => {
          const path = ctx.files.join(folder, name);
          return imageToModelInput(
            await decodeImage(await ctx.files.readBytes(path), path),
            hp.imageSize,
          );
        },
      }));
      source = folder;
    } else {
      const pick = (k: string) => (typeof v[k] === 'number' ? (v[k] as number) : undefined);
      const sceneOptions = Object.fromEntries(
        ['scenes', 'validationScenes', 'heldOutScenes', 'dataSeed']
          .map((k) => [k, pick(k)])
          .filter(([, x]) => x !== undefined),
      );
      const data = prepareCaptioningData(sceneOptions, hp);
      const all = [...data.train, ...data.validation, ...data.heldOut];
      items = all.map((image) => ({
        key: pixelKey(image.pixels),
        pixels: async () => image.pixels,
      }));
      source = `scenes ${JSON.stringify(data.provenance)}`;
    }
    const writer = await openFeatureWriter(out, {
      encoder: backbone.kind,
      outputSize: backbone.outputSize,
      keys: folder ? 'files' : 'scenes',
      source,
      imageSize: hp.imageSize,
    });
    const todo = items.filter((i) => !writer.has(i.key));
    ctx.err(
      `${who}: ${count(items.length)} images from ${folder ?? 'the generated scenes'} | ${count(items.length - todo.length)} already in ${out} | encoding ${count(todo.length)} with ${backbone.kind} (${backbone.outputSize} values each, images read at ${hp.imageSize} x ${hp.imageSize}, ${backbone.inputSize} x ${backbone.inputSize} input) | backend ${tf.getBackend()}`,
    );
    const start = performance.now();
    let said = start;
    let done = 0;
    try {
      for (let at = 0; at < todo.length; at += chunk) {
        if (ctx.signal?.aborted) break;
        const part = todo.slice(at, at + chunk);
        const pixels = await Promise.all(part.map((i) => i.pixels()));
        const size = hp.imageSize; // the encoder resizes to its own input
        const batch = new Float32Array(part.length * size * size * 3);
        for (const [i, p] of pixels.entries()) batch.set(p, i * p.length);
        const vectors = tf.tidy(() =>
          backbone.features(tf.tensor4d(batch, [part.length, size, size, 3])).dataSync(),
        ); // [part, outputSize]
        const d = backbone.outputSize;
        for (const [i, item] of part.entries()) {
          await writer.append(item.key, Float32Array.from(vectors.subarray(i * d, (i + 1) * d)));
        }
        done += part.length;
        const now = performance.now();
        if (now - said > 5000 || done === todo.length) {
          said = now;
          const rate = done / ((now - start) / 1000);
          ctx.err(
            `${count(done)}/${count(todo.length)} images | ${rate.toFixed(1)} images/s | eta ${duration((todo.length - done) / rate)}`,
          );
        }
      }
    } finally {
      await writer.close();
    }
    const seconds = (performance.now() - start) / 1000;
    const rate = done / Math.max(seconds, 1e-9);
    if (done < todo.length) {
      ctx.out(
        `stopped after ${count(done)} of ${count(todo.length)} images (${rate.toFixed(1)} images/s); ${out} holds ${count(writer.size)} whole records: run the same command again to resume.`,
      );
      return 130;
    }
    ctx.out(
      `encoded ${count(done)} images in ${duration(seconds)} (${rate.toFixed(1)} images/s, ${backbone.kind}) -> ${out} (${count(writer.size)} images)`,
    );
    return 0;
  },
});
