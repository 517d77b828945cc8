/**
 * Any tfjs layers or graph model as a frozen `Backbone`, cut at a named layer (layers model)
 * or node (graph model): images are resized to the model's input size and scaled to the
 * range it was trained on, and a 4-D feature map `[batch, h, w, c]` is averaged over h and w
 * (global average pooling) into `[batch, c]`. The loaders come from the optional peers
 * `@tensorflow/tfjs-layers` and `@tensorflow/tfjs-converter`, imported on first use.
 *
 * @example
 * const backbone = await loadTfjsModelBackbone({ model: 'encoder/model.json', layer: 'conv_2' });
 * backbone.features(images); // [batch, h, w, 3] in [0, 1] -> [batch, channels]
 */
import { ConfigError, ShapeError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import type { Backbone } from './frozen-encoder.js';
import { readModelArtifacts } from './read-model-artifacts.js';

/** The pixel range the model was trained on: images in [0, 1] are mapped onto it. */
export type InputRange = '0,1' | '-1,1' | '0,255';
export const INPUT_RANGES: readonly InputRange[] = ['0,1', '-1,1', '0,255'];

export interface TfjsModelBackboneOptions {
  /** Path or http(s) URL of a model.json. */
  readonly model: string;
  /** Layer (layers model) or node (graph model) to read; `auto` = the model's output. */
  readonly layer?: string;
  readonly inputRange?: InputRange;
  /** Used when the model's input has no fixed height and width. */
  readonly fallbackSize?: number;
  /** What config.json records; default `<model>#<layer>`. */
  readonly kind?: string;
}

export const tfjsModelBackboneDefaults = Object.freeze({
  layer: 'auto', // the model's own output
  inputRange: '0,1' as InputRange, // tfjs-layers' Rescaling(1/255) convention
  fallbackSize: 224, // ImageNet's usual input
});

/** Peers loaded by name, so a bundler that does not ship them never tries to resolve them. */
export async function importPeer<T>(name: string, purpose: string): Promise<T> {
  try {
    return (await import(/* @vite-ignore */ name)) as T;
  } catch (error) {
    throw new ConfigError(
      `${purpose} needs the package ${name}, which is not installed (${(error as Error).message.split('\n')[0]}). Install it: \`pnpm add ${name}\`.`,
      { cause: error },
    );
  }
}

type Layers = typeof import('@tensorflow/tfjs-layers');
type Converter = typeof import('@tensorflow/tfjs-converter');

const scale = (x: tf.Tensor4D, range: InputRange): tf.Tensor4D =>
  range === '0,1' ? x : range === '0,255' ? tf.mul(x, 255) : tf.sub(tf.mul(x, 2), 1);

/** `[b, h, w, c]` -> `[b, c]` by averaging; `[b, c]` as it is; anything else refused. */
function pooled(y: tf.Tensor, who: string): tf.Tensor2D {
  if (y.rank === 4) return tf.mean(y, [1, 2]) as tf.Tensor2D; // [batch, c]
  if (y.rank === 2) return y as tf.Tensor2D;
  throw new ShapeError(
    `${who}: expected the layer's output to be [batch, h, w, channels] or [batch, features], got [${y.shape.join(', ')}]. Pick a conv or pooling layer with --encoder-layer.`,
  );
}

function checkInput(
  shape: readonly (number | null)[],
  who: string,
): [number | null, number | null] {
  if (shape.length !== 4 || shape[3] !== 3) {
    throw new ShapeError(
      `${who}: expected a model whose input is [batch, height, width, 3] RGB images, got [${shape.map((d) => d ?? 'null').join(', ')}]. Use an image model (channels last, 3 channels).`,
    );
  }
  return [shape[1] ?? null, shape[2] ?? null];
}

export async function loadTfjsModelBackbone(options: TfjsModelBackboneOptions): Promise<Backbone> {
  const o = { ...tfjsModelBackboneDefaults, ...options };
  const who = `encoder ${o.model}`;
  const { artifacts, format } = await readModelArtifacts(o.model);
  const handler = { load: async () => artifacts };
  let run: (x: tf.Tensor4D) => tf.Tensor;
  let inputShape: readonly (number | null)[];
  let layerName: string;
  if (format === 'layers') {
    const tfl = await importPeer<Layers>('@tensorflow/tfjs-layers', `${who} (a layers model)`);
    const model = await tfl.loadLayersModel(handler);
    const names = model.layers.map((l) => l.name);
    layerName = o.layer === 'auto' ? names[names.length - 1]! : o.layer;
    if (!names.includes(layerName)) {
      throw new ConfigError(
        `${who}: no layer "${layerName}". Available (${names.length}): ${names.join(', ')}.`,
      );
    }
    const cut = tfl.model({ inputs: model.inputs, outputs: model.getLayer(layerName).output });
    inputShape = model.inputs[0]!.shape;
    run = (x) => cut.predict(x) as tf.Tensor;
  } else {
    const tfc = await importPeer<Converter>('@tensorflow/tfjs-converter', `${who} (a graph model)`);
    const model = await tfc.loadGraphModel(handler);
    const nodes = ((artifacts.modelTopology as { node?: { name: string }[] }).node ?? []).map(
      (n) => n.name,
    );
    layerName = o.layer === 'auto' ? model.outputs[0]!.name : o.layer;
    if (o.layer !== 'auto' && !nodes.includes(layerName)) {
      throw new ConfigError(
        `${who}: no node "${layerName}". Available (${nodes.length}): ${nodes.join(', ')}.`,
      );
    }
    inputShape = (model.inputs[0]!.shape ?? []).map((d) => (d < 0 ? null : d));
    run = (x) => model.execute(x, layerName) as tf.Tensor;
  }
  const [h, w] = checkInput(inputShape, who);
  const size: [number, number] = [h ?? o.fallbackSize, w ?? o.fallbackSize];
  const features = (images: tf.Tensor4D): tf.Tensor2D =>
    tf.tidy(() => {
      const resized =
        images.shape[1] === size[0] && images.shape[2] === size[1]
          ? images
          : tf.image.resizeBilinear(images, size, true); // [batch, H, W, 3]
      return pooled(run(scale(resized, o.inputRange)), who); // [batch, c]
    });
  // one blank image through the cut: its width, and a wrong input shape fails here, not mid-run
  const probe = tf.tidy(() => features(tf.zeros([1, size[0], size[1], 3]))); // [1, c]
  const outputSize = probe.shape[1];
  probe.dispose();
  return { kind: o.kind ?? `${o.model}#${layerName}`, outputSize, inputSize: size[0], features };
}
