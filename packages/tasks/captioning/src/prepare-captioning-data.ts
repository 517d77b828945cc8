/**
 * The embedded data set, made in code: seeded scenes for the train, validation (seen
 * combinations) and held-out (unseen combinations) splits, drawn as pixels, each with all
 * its reference captions as word tokens, and the vocabulary of the training captions
 * (rarer words than `minFrequency` become `<unk>`).
 *
 * @example
 * const data = prepareCaptioningData({ scenes: 4000 }, resolveCaptioningHyperParameters());
 * data.train[0].references; // [['a', 'small', 'red', 'circle', ...], ...]
 */
import { Vocabulary } from '@recurrent/data';
import { ConfigError } from '@recurrent/errors';
import type { JsonValue } from '@recurrent/train';
import { captionScene } from './caption-scene.js';
import type { CaptioningHyperParameters } from './captioning-defaults.js';
import { generateScenes, heldOutTriples, type SceneSplit } from './generate-scenes.js';
import { renderScene } from './render-scene.js';
import type { Scene } from './scene.js';

export interface CaptionedImage {
  /** The generated scene (for attribute accuracy); absent for a real data set's photo. */
  readonly scene?: Scene;
  /** The image file, for a real data set. */
  readonly source?: string;
  /** `[imageSize, imageSize, 3]` RGB in [0, 1], row-major. */
  readonly pixels: Float32Array;
  /** Every reference caption, as word tokens. */
  readonly references: readonly (readonly string[])[];
}

export interface SceneDataOptions {
  /** Training scenes. */
  readonly scenes?: number;
  /** Validation scenes (seen combinations; pick `best/`). */
  readonly validationScenes?: number;
  /** Held-out scenes: each has a combination training never saw. */
  readonly heldOutScenes?: number;
  /** Seeds the scenes (not the model). */
  readonly dataSeed?: number;
}

export const sceneDataDefaults = Object.freeze({
  scenes: 6000, // 24 kinds of shape (colour x shape x size) in up to three places: thousands of scenes
  validationScenes: 300, // shares in steps of 1/300, and a greedy pass over them takes seconds
  heldOutScenes: 300, // the same size for the unseen combinations
  dataSeed: 2015, // Show and Tell's year; fixed, so every run sees the same scenes
});

export interface CaptioningData {
  readonly hyperParameters: CaptioningHyperParameters;
  readonly vocabulary: Vocabulary;
  readonly train: readonly CaptionedImage[];
  readonly validation: readonly CaptionedImage[];
  readonly heldOut: readonly CaptionedImage[];
  readonly provenance: Record<string, JsonValue>;
}

const tokens = (caption: string) => caption.split(' ');

function captioned(
  split: SceneSplit,
  count: number,
  seed: number,
  imageSize: number,
): CaptionedImage[] {
  return generateScenes({ split, count, seed, imageSize }).map((scene) => ({
    scene,
    pixels: renderScene(scene),
    references: captionScene(scene).map(tokens),
  }));
}

function checkCount(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 1_000_000) {
    throw new ConfigError(
      `captioning: expected ${name} to be an integer in [1, 1000000], got ${value}.`,
    );
  }
  return value;
}

export function prepareCaptioningData(
  options: SceneDataOptions,
  hyperParameters: CaptioningHyperParameters,
): CaptioningData {
  const o = {
    ...sceneDataDefaults,
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  };
  const size = hyperParameters.imageSize;
  const train = captioned('train', checkCount('scenes', o.scenes), o.dataSeed, size);
  const validation = captioned(
    'validation',
    checkCount('validationScenes', o.validationScenes),
    o.dataSeed,
    size,
  );
  const heldOut = captioned(
    'held-out',
    checkCount('heldOutScenes', o.heldOutScenes),
    o.dataSeed,
    size,
  );
  const vocabulary = Vocabulary.build(
    train.flatMap((image) => image.references),
    { minFrequency: hyperParameters.minFrequency },
  );
  return {
    hyperParameters,
    vocabulary,
    train,
    validation,
    heldOut,
    provenance: {
      data: 'scenes (generated)',
      scenes: o.scenes,
      validationScenes: o.validationScenes,
      heldOutScenes: o.heldOutScenes,
      dataSeed: o.dataSeed,
      imageSize: size,
      heldOutTriples: [...heldOutTriples],
    },
  };
}
