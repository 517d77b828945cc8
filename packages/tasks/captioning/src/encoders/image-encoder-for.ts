/**
 * The encoder the hyper-parameters name: `scratch` (the CNN trained with the decoder, built by
 * createCaptioningModel), `mobilenet-v2` (frozen, from nsfwjs's bundled weights) or the path
 * or URL of any tfjs model.json (frozen, cut at `encoderLayer`). Loading a pretrained model is
 * asynchronous, building a model is not: `prepareImageEncoder` loads it once per process
 * (the task's prepareData awaits it), then `imageEncoderFor` returns it at once.
 *
 * @example
 * await prepareImageEncoder(hp); // hp.encoder = 'mobilenet-v2'
 * const model = createCaptioningModel({ vocabulary, hyperParameters: hp, encoder: imageEncoderFor(hp) });
 */
import { ConfigError } from '@recurrent/errors';
import type { CaptioningHyperParameters } from '../captioning-defaults.js';
import type { FeatureFile } from './feature-file.js';
import {
  type Backbone,
  type FrozenEncoder,
  frozenEncoder,
  rememberFeatures,
} from './frozen-encoder.js';
import { loadMobilenetV2Backbone, MOBILENET_V2 } from './mobilenet-v2-backbone.js';
import { type InputRange, loadTfjsModelBackbone } from './tfjs-model-backbone.js';

export const SCRATCH = 'scratch';

type EncoderChoice = Pick<
  CaptioningHyperParameters,
  'encoder' | 'encoderLayer' | 'encoderInputRange' | 'imageSize'
>;

const loaded = new Map<string, Backbone>();
/** Feature files standing in for a backbone (`useFeatureFile`): never returned as the real one. */
const substitutes = new Map<string, Backbone>();
const specKey = (hp: EncoderChoice) =>
  hp.encoder === MOBILENET_V2
    ? MOBILENET_V2
    : `${hp.encoder}#${hp.encoderLayer}#${hp.encoderInputRange}#${hp.imageSize}`;

/** True when the encoder is pretrained and frozen (not the from-scratch CNN). */
export const isFrozenEncoder = (hp: EncoderChoice) => hp.encoder !== SCRATCH;

/** The pretrained model `hp` names, loaded once per process. */
export async function loadImageBackbone(hp: EncoderChoice): Promise<Backbone> {
  const known = loaded.get(specKey(hp));
  if (known) return known;
  const backbone =
    hp.encoder === MOBILENET_V2
      ? await loadMobilenetV2Backbone()
      : await loadTfjsModelBackbone({
          model: hp.encoder,
          layer: hp.encoderLayer,
          inputRange: hp.encoderInputRange as InputRange,
          fallbackSize: hp.imageSize,
        });
  loaded.set(specKey(hp), backbone);
  return backbone;
}

/** Loads the pretrained model the hyper-parameters name (nothing for `scratch`). */
export async function prepareImageEncoder(hp: EncoderChoice): Promise<void> {
  if (isFrozenEncoder(hp) && !substitutes.has(specKey(hp))) await loadImageBackbone(hp);
}

/** A backbone known by name and width only: it loads in `ready()` (a model rebuilt from a checkpoint). */
function deferred(hp: EncoderChoice, kind: string, outputSize: number): Backbone {
  let backbone: Backbone | undefined;
  return {
    kind,
    outputSize,
    get inputSize() {
      return backbone?.inputSize ?? hp.imageSize;
    },
    features(images) {
      if (!backbone) {
        throw new ConfigError(
          `captioning: the encoder "${hp.encoder}" is not loaded yet; expected \`await model.encoder.ready()\` before encoding.`,
        );
      }
      return backbone.features(images);
    },
    async ready() {
      backbone ??= await loadImageBackbone(hp);
      if (backbone.outputSize !== outputSize) {
        throw new ConfigError(
          `captioning: expected the encoder "${hp.encoder}" to give ${outputSize} values per image as when the run was trained, got ${backbone.outputSize}. Point --encoder at the same model.`,
        );
      }
    },
  };
}

/**
 * Uses a feature file's vectors instead of the model `hp` names: nothing is loaded, and an
 * image the file does not hold is an error that says to encode it. For training on
 * `--features`; a checkpoint of that run loads the real model when it captions new images.
 */
export function useFeatureFile(hp: EncoderChoice, file: FeatureFile, name: string): void {
  const { header } = file;
  rememberFeatures(header.encoder, file.vectors);
  substitutes.set(specKey(hp), {
    kind: header.encoder,
    outputSize: header.outputSize,
    inputSize: hp.imageSize,
    features() {
      throw new ConfigError(
        `captioning: an image is not in ${name} (${file.vectors.size.toLocaleString('en-US')} images of ${header.source ?? 'unknown origin'}); expected every image of the data in it. Encode the same data: \`recurrent data encode-images --encoder ${hp.encoder} --out ${name}\` with the same data options.`,
      );
    },
  });
}

/** Ends `useFeatureFile` for the encoder `hp` names: the real model encodes again. */
export function forgetFeatureFile(hp: EncoderChoice): void {
  substitutes.delete(specKey(hp));
}

/**
 * The frozen encoder of `hp`, or undefined for `scratch`. Loaded by `prepareImageEncoder`, or,
 * given the `kind` and `outputSize` a checkpoint recorded, loaded on the encoder's `ready()`.
 */
export function imageEncoderFor(
  hp: EncoderChoice,
  recorded?: { readonly kind: string; readonly outputSize: number },
): FrozenEncoder | undefined {
  if (!isFrozenEncoder(hp)) return undefined;
  const backbone =
    substitutes.get(specKey(hp)) ??
    loaded.get(specKey(hp)) ??
    (recorded && deferred(hp, recorded.kind, recorded.outputSize));
  if (!backbone) {
    throw new ConfigError(
      `captioning: the encoder "${hp.encoder}" is not loaded yet; expected \`await prepareImageEncoder(hyperParameters)\` before the model is built.`,
    );
  }
  return frozenEncoder({ inputSize: hp.imageSize, backbone });
}
