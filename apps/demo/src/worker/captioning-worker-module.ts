/**
 * What the captioning page needs in the worker beyond `captioningTask`: a scene to look at
 * (`scene`: a generated one from the package's own generator, or one the reader built from
 * shapes placed on a canvas, drawn by the package's renderer), the captions of an image
 * (`caption`: greedy and the beam's candidates from `captionImages`, plus the greedy walk of
 * `decoderSteps`), and the decoder stepped after a prefix the reader picked (`steps`). An
 * image arrives as the model's input (`pixels`, RGB in [0, 1]) or as RGBA bytes of any size
 * (a photo), which `imageToModelInput` turns into the model's input as `recurrent caption` does.
 */
import {
  type Caption,
  type CaptioningModel,
  COLOURS,
  captionImages,
  captionScene,
  type DecoderStep,
  decoderSteps,
  generateScenes,
  imageToModelInput,
  renderDefaults,
  renderScene,
  type Scene,
  type SceneObject,
  SHAPES,
  SIZES,
} from '@recurrent/captioning';
import { ConfigError } from '@recurrent/errors';
import type { JsonValue } from '@recurrent/train';
import { defineTaskWorkerModule } from './task-worker-module.js';

/** One shape the reader placed: kind, colour, size and its centre in [0, 1] of the image. */
export interface PlacedShape {
  readonly shape: SceneObject['shape'];
  readonly colour: SceneObject['colour'];
  readonly size: SceneObject['size'];
  readonly x: number;
  readonly y: number;
}

export interface SceneShown {
  /** The model's input, `[size, size, 3]` RGB in [0, 1], row-major. */
  readonly pixels: number[];
  readonly size: number;
  /** The grammar's captions of the scene (what training would have used as references). */
  readonly references: string[];
  /** The shapes in caption order (along the scene's axis) and that axis. */
  readonly objects: SceneObject[];
  readonly axis: Scene['axis'];
}

export interface CaptionsShown {
  /** The model's input the captions were read from (a photo's, after resizing). */
  readonly pixels: number[];
  readonly greedy: Caption;
  /** The beam's candidates, best first (`score` = logProb / length^0.7). */
  readonly beams: Caption[];
  readonly beamWidth: number;
  /** The greedy caption word by word, with the top next words at every step. */
  readonly steps: DecoderStep[];
  readonly ms: number;
}

export const captioningPageLimits = Object.freeze({
  topK: 5, // next words listed per step
  maxBeamWidth: 8, // a wider beam only slows the page: the grammar has few good captions
  maxShapes: 3, // what the training scenes hold
});

const isObject = (v: JsonValue): v is { [key: string]: JsonValue } =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function numbers(who: string, value: JsonValue | undefined, length: number, what: string) {
  if (
    !Array.isArray(value) ||
    value.length !== length ||
    value.some((v) => typeof v !== 'number')
  ) {
    const got = Array.isArray(value) ? `${value.length} values` : JSON.stringify(value ?? null);
    throw new ConfigError(`${who}: expected ${what} (${length} numbers), got ${got.slice(0, 60)}.`);
  }
  return value as number[];
}

/** `{ pixels }` (the model's size) or `{ rgba, width, height }` (any size) -> the model's input. */
function imageOf(who: string, model: CaptioningModel, input: JsonValue): Float32Array {
  const size = model.hyperParameters.imageSize;
  if (!isObject(input)) {
    throw new ConfigError(
      `${who}: expected { pixels } or { rgba, width, height }, got ${JSON.stringify(input)}.`,
    );
  }
  if (input.pixels !== undefined) {
    return Float32Array.from(
      numbers(who, input.pixels, size * size * 3, `pixels: ${size} x ${size} x 3 RGB in [0, 1]`),
    );
  }
  const { width, height } = input;
  if (
    !Number.isInteger(width) ||
    !Number.isInteger(height) ||
    (width as number) < 1 ||
    (height as number) < 1
  ) {
    throw new ConfigError(
      `${who}: expected { pixels } or { rgba, width, height } with whole positive width and height, got width ${JSON.stringify(width ?? null)}, height ${JSON.stringify(height ?? null)}.`,
    );
  }
  const w = width as number;
  const h = height as number;
  const rgba = Uint8Array.from(numbers(who, input.rgba, w * h * 4, `rgba: ${w} x ${h} x 4 bytes`));
  return imageToModelInput({ width: w, height: h, rgba }, size);
}

function pick<T extends string>(
  who: string,
  value: JsonValue | undefined,
  allowed: readonly T[],
  what: string,
): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw new ConfigError(
      `${who}: unknown ${what} ${JSON.stringify(value ?? null)}. Available: ${allowed.join(', ')}.`,
    );
  }
  return value as T;
}

/**
 * The reader's shapes as a scene: ordered along the axis they spread over most (as the
 * generator orders them), centres clamped so every shape stays inside the image.
 */
function placedScene(who: string, shapes: JsonValue[], size: number, noiseSeed: number): Scene {
  if (shapes.length < 1 || shapes.length > captioningPageLimits.maxShapes) {
    throw new ConfigError(
      `${who}: expected 1 to ${captioningPageLimits.maxShapes} shapes, got ${shapes.length}.`,
    );
  }
  const objects = shapes.map((s, i): SceneObject => {
    if (!isObject(s) || typeof s.x !== 'number' || typeof s.y !== 'number') {
      throw new ConfigError(
        `${who}: expected shape ${i} as { shape, colour, size, x, y } with x and y in [0, 1], got ${JSON.stringify(s)}.`,
      );
    }
    const sz = pick(who, s.size, SIZES, 'size');
    const r = (sz === 'small' ? renderDefaults.smallRadius : renderDefaults.largeRadius) * size;
    const clamp = (v: number) => Math.min(size - 1 - r, Math.max(1 + r, v * size));
    return {
      shape: pick(who, s.shape, SHAPES, 'shape'),
      colour: pick(who, s.colour, COLOURS, 'colour'),
      size: sz,
      x: clamp(s.x),
      y: clamp(s.y),
    };
  });
  const spread = (key: 'x' | 'y') =>
    Math.max(...objects.map((o) => o[key])) - Math.min(...objects.map((o) => o[key]));
  const axis = spread('x') >= spread('y') ? 'horizontal' : 'vertical';
  const key = axis === 'horizontal' ? 'x' : 'y';
  return {
    objects: [...objects].sort((a, b) => a[key] - b[key]),
    axis,
    imageSize: size,
    noiseSeed,
  };
}

const probes = {
  /**
   * `{ seed, split }` -> a generated scene (`split` 'train': combinations training saw,
   * 'held-out': ones it never saw), or `{ shapes: PlacedShape[], seed }` -> the reader's scene.
   */
  async scene(model: CaptioningModel, input: JsonValue): Promise<SceneShown> {
    const who = 'captioning scene';
    const size = model.hyperParameters.imageSize;
    if (!isObject(input) || !Number.isInteger(input.seed)) {
      throw new ConfigError(
        `${who}: expected { seed, split } or { seed, shapes } with a whole seed, got ${JSON.stringify(input)}.`,
      );
    }
    const seed = input.seed as number;
    const scene = Array.isArray(input.shapes)
      ? placedScene(who, input.shapes, size, seed)
      : generateScenes({
          split: pick(who, input.split, ['train', 'held-out'] as const, 'split'),
          count: 1,
          seed,
          imageSize: size,
        })[0]!;
    return {
      pixels: Array.from(renderScene(scene)),
      size,
      references: captionScene(scene),
      objects: [...scene.objects],
      axis: scene.axis,
    };
  },
  /** `{ pixels } | { rgba, width, height }` and `beamWidth` -> greedy, beams and the greedy walk. */
  async caption(model: CaptioningModel, input: JsonValue): Promise<CaptionsShown> {
    const who = 'captioning caption';
    const pixels = imageOf(who, model, input);
    const width = isObject(input) ? (input.beamWidth ?? 3) : 3;
    if (
      !Number.isInteger(width) ||
      (width as number) < 1 ||
      (width as number) > captioningPageLimits.maxBeamWidth
    ) {
      throw new ConfigError(
        `${who}: expected beamWidth to be a whole number in [1, ${captioningPageLimits.maxBeamWidth}], got ${JSON.stringify(width)}.`,
      );
    }
    const started = performance.now();
    const [[greedy]] = (await captionImages(model, [pixels], { beamWidth: 1 })) as [[Caption]];
    const [beams] = (await captionImages(model, [pixels], { beamWidth: width as number })) as [
      Caption[],
    ];
    const steps = await decoderSteps(model, pixels, { topK: captioningPageLimits.topK });
    return {
      pixels: Array.from(pixels),
      greedy,
      beams,
      beamWidth: width as number,
      steps,
      ms: performance.now() - started,
    };
  },
  /** `{ pixels, words }` -> the decoder after the forced `words`, then greedy to `<eos>`. */
  async steps(model: CaptioningModel, input: JsonValue): Promise<DecoderStep[]> {
    const who = 'captioning steps';
    const pixels = imageOf(who, model, input);
    const words = isObject(input) ? input.words : undefined;
    if (!Array.isArray(words) || words.some((w) => typeof w !== 'string')) {
      throw new ConfigError(
        `${who}: expected words as an array of strings, got ${JSON.stringify(words ?? null)}.`,
      );
    }
    return decoderSteps(model, pixels, {
      words: words as string[],
      topK: captioningPageLimits.topK,
    });
  },
};

/** The probes' types, for the page's typed `task/probe` calls. */
export type CaptioningProbes = typeof probes;

export const captioningWorkerModule = defineTaskWorkerModule<CaptioningModel, unknown>({
  probes,
  describe(model, config) {
    return {
      parameters: model.variables.reduce((n, v) => n + v.variable.size, 0),
      vocabulary: model.vocabulary.size,
      encoder: model.encoder.kind,
      ...(typeof config?.scenes === 'number' ? { scenes: config.scenes } : {}),
      ...(Array.isArray(config?.heldOutTriples) ? { heldOutTriples: config.heldOutTriples } : {}),
    };
  },
});
