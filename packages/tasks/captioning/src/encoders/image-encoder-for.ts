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
import { type Backbone, type FrozenEncoder, frozenEncoder } from './frozen-encoder.js';
import { loadMobilenetV2Backbone, MOBILENET_V2 } from './mobilenet-v2-backbone.js';
import { type InputRange, loadTfjsModelBackbone } from './tfjs-model-backbone.js';

export const SCRATCH = 'scratch';

type EncoderChoice = Pick<
  CaptioningHyperParameters,
  'encoder' | 'encoderLayer' | 'encoderInputRange' | 'imageSize'
>;

const loaded = new Map<string, Backbone>();
const specKey = (hp: EncoderChoice) =>
  hp.encoder === MOBILENET_V2
    ? MOBILENET_V2
    : `${hp.encoder}#${hp.encoderLayer}#${hp.encoderInputRange}#${hp.imageSize}`;

/** True when the encoder is pretrained and frozen (not the from-scratch CNN). */
export const isFrozenEncoder = (hp: EncoderChoice) => hp.encoder !== SCRATCH;

async function loadBackbone(hp: EncoderChoice): Promise<Backbone> {
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
  if (isFrozenEncoder(hp)) await loadBackbone(hp);
}

/** A backbone known by name and width only: it loads in `ready()` (a model rebuilt from a checkpoint). */
function deferred(hp: EncoderChoice, kind: string, outputSize: number): Backbone {
  let backbone: Backbone | undefined;
  return {
    kind,
    outputSize,
    features(images) {
      if (!backbone) {
        throw new ConfigError(
          `captioning: the encoder "${hp.encoder}" is not loaded yet; expected \`await model.encoder.ready()\` before encoding.`,
        );
      }
      return backbone.features(images);
    },
    async ready() {
      backbone ??= await loadBackbone(hp);
      if (backbone.outputSize !== outputSize) {
        throw new ConfigError(
          `captioning: expected the encoder "${hp.encoder}" to give ${outputSize} values per image as when the run was trained, got ${backbone.outputSize}. Point --encoder at the same model.`,
        );
      }
    },
  };
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
    loaded.get(specKey(hp)) ?? (recorded && deferred(hp, recorded.kind, recorded.outputSize));
  if (!backbone) {
    throw new ConfigError(
      `captioning: the encoder "${hp.encoder}" is not loaded yet; expected \`await prepareImageEncoder(hyperParameters)\` before the model is built.`,
    );
  }
  return frozenEncoder({ inputSize: hp.imageSize, backbone });
}
