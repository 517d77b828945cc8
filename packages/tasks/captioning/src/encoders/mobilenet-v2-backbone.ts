/**
 * MobileNetV2 (Sandler et al., 2018) as a frozen `Backbone`, from the weights that the npm
 * package `nsfwjs` 4.x (MIT, Infinite Red) bundles inside its tarball: a tfjs layers model,
 * 224 x 224 input in [0, 1] (nsfwjs divides bytes by 255), uint8-quantised, no network.
 * Features are the output of `out_relu` (`[batch, 7, 7, 1280]`) averaged over the 7 x 7 grid:
 * 1,280 values per image. nsfwjs fine-tuned it as a 5-class content filter, so these are
 * not ImageNet's features. Only its model files are imported (not its classifier, which
 * needs the full `@tensorflow/tfjs`); `nsfwjs` and `@tensorflow/tfjs-layers` are optional
 * peers, loaded on first use.
 *
 * @example
 * const backbone = await loadMobilenetV2Backbone();
 * backbone.features(images); // [batch, h, w, 3] in [0, 1] -> [batch, 1280]
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Backbone } from './frozen-encoder.js';
import { importPeer } from './tfjs-model-backbone.js';

export const MOBILENET_V2 = 'mobilenet-v2';

export const mobilenetV2Defaults = Object.freeze({
  size: 224, // the input nsfwjs's MobileNetV2 was trained at
  layer: 'out_relu', // the last conv block's ReLU, before nsfwjs's own pooling and dense head
  outputSize: 1280, // out_relu's channels
});

interface BundledModel {
  readonly MobileNetV2Model: {
    modelJson(): Promise<{
      default: {
        modelTopology: object;
        weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[];
      };
    }>;
    readonly weightBundles: readonly (() => Promise<{ default: string }>)[];
  };
}

type Layers = typeof import('@tensorflow/tfjs-layers');

let loading: Promise<Backbone> | undefined;

const fromBase64 = (s: string): Uint8Array =>
  typeof Buffer !== 'undefined'
    ? Uint8Array.from(Buffer.from(s, 'base64'))
    : Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

async function load(): Promise<Backbone> {
  const purpose = `--encoder ${MOBILENET_V2}`;
  const { MobileNetV2Model: bundled } = await importPeer<BundledModel>(
    'nsfwjs/models/mobilenet_v2',
    purpose,
  );
  const tfl = await importPeer<Layers>('@tensorflow/tfjs-layers', purpose);
  const json = (await bundled.modelJson()).default;
  const shards = await Promise.all(bundled.weightBundles.map(async (b) => (await b()).default));
  const bytes = shards.map(fromBase64);
  const weightData = new Uint8Array(bytes.reduce((s, b) => s + b.length, 0));
  let at = 0;
  for (const b of bytes) {
    weightData.set(b, at);
    at += b.length;
  }
  const model = await tfl.loadLayersModel({
    load: async () => ({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
      weightData: weightData.buffer,
    }),
  });
  const d = mobilenetV2Defaults;
  const cut = tfl.model({ inputs: model.inputs, outputs: model.getLayer(d.layer).output });
  return {
    kind: MOBILENET_V2,
    outputSize: d.outputSize,
    inputSize: d.size,
    features: (images) =>
      tf.tidy(() => {
        const x =
          images.shape[1] === d.size && images.shape[2] === d.size
            ? images
            : tf.image.resizeBilinear(images, [d.size, d.size], true); // [batch, 224, 224, 3], as nsfwjs resizes
        const map = cut.predict(x) as tf.Tensor4D; // [batch, 7, 7, 1280]
        return tf.mean(map, [1, 2]) as tf.Tensor2D; // [batch, 1280]
      }),
  };
}

/** Loads once per process; later calls share the model. */
export function loadMobilenetV2Backbone(): Promise<Backbone> {
  loading ??= load().catch((error) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
