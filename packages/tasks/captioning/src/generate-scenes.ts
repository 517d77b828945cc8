/**
 * Seeded scenes for the three splits of the embedded data set. A scene has 1-3 shapes
 * (20% one, 50% two, 30% three; held-out: 60% two, 40% three) placed without overlap along a random axis, so that "left
 * of" / "above" is always plain to see (consecutive shapes are further apart along the axis
 * than across it).
 *
 * The held-out split measures composition: `heldOutTriples` lists (colour, shape, role)
 * combinations such as a red circle *left of* something. Training and validation scenes
 * never contain one; every held-out scene contains at least one. Each colour, shape and
 * role is still seen in training, only not in those combinations.
 *
 * @example
 * const scenes = generateScenes({ split: 'train', count: 4000, seed: 2015 });
 */
import { ConfigError } from '@recurrent/errors';
import { createRandom, type Random } from '@recurrent/random';
import { shapeRadius } from './render-scene.js';
import {
  type Axis,
  COLOURS,
  type Scene,
  type SceneObject,
  SHAPES,
  SIZES,
  sceneTriples,
} from './scene.js';

export type SceneSplit = 'train' | 'validation' | 'held-out';

/** 8 of the 48 (colour, shape, role) combinations, two per role and colour: never trained on. */
export const heldOutTriples: readonly string[] = Object.freeze([
  'red circle left',
  'blue square right',
  'green triangle above',
  'yellow circle below',
  'green square left',
  'yellow triangle right',
  'blue circle above',
  'red triangle below',
]);

export interface GenerateScenesOptions {
  readonly split: SceneSplit;
  readonly count: number;
  /** Seeds the scenes; each split draws its own stream from it. */
  readonly seed: number;
  /** Width and height in pixels. */
  readonly imageSize?: number;
}

export const generateScenesDefaults = Object.freeze({
  imageSize: 32, // enough pixels to tell a small triangle from a small circle, cheap to convolve
  gap: 1, // pixels at least between two shapes along the axis: three shapes fit in 32
  maxTries: 1000, // rejection sampling of one scene; far more than it ever needs
});

const SPLIT_STREAM: Readonly<Record<SceneSplit, number>> = {
  train: 1,
  validation: 2,
  'held-out': 3,
};
const heldOut = new Set(heldOutTriples);

function pick<T>(rng: Random, items: readonly T[]): T {
  return items[rng.int(items.length)]!;
}

/** One scene of `count` shapes, or null when this draw did not fit. */
function drawScene(rng: Random, count: number, n: number): Scene | null {
  const axis: Axis = rng.next() < 0.5 ? 'horizontal' : 'vertical';
  const kinds = Array.from({ length: count }, () => ({
    shape: pick(rng, SHAPES),
    colour: pick(rng, COLOURS),
    size: pick(rng, SIZES),
  }));
  const radii = kinds.map((k) => shapeRadius(k.size, n));
  const need = radii.reduce((s, r) => s + 2 * r, 0) + (count - 1) * generateScenesDefaults.gap;
  const slack = n - 2 - need;
  if (slack < 0) return null;
  const weights = Array.from({ length: count + 1 }, () => rng.next() + 0.05);
  const total = weights.reduce((s, w) => s + w, 0);
  let along = 1 + (slack * weights[0]!) / total;
  const objects: SceneObject[] = [];
  for (let i = 0; i < count; i++) {
    const r = radii[i]!;
    const centre = along + r;
    along = centre + r + generateScenesDefaults.gap + (slack * weights[i + 1]!) / total;
    const across = r + 1 + rng.next() * (n - 2 - 2 * r);
    const [x, y] = axis === 'horizontal' ? [centre, across] : [across, centre];
    objects.push({ ...kinds[i]!, x, y });
  }
  for (let i = 1; i < count; i++) {
    const a = objects[i - 1]!;
    const b = objects[i]!;
    const [dAlong, dAcross] =
      axis === 'horizontal' ? [b.x - a.x, b.y - a.y] : [b.y - a.y, b.x - a.x];
    if (Math.abs(dAcross) >= 0.6 * dAlong) return null;
  }
  return { objects, axis, imageSize: n, noiseSeed: rng.int(2 ** 31) };
}

function accepts(split: SceneSplit, scene: Scene): boolean {
  const hits = sceneTriples(scene).some((t) => heldOut.has(t));
  return split === 'held-out' ? hits : !hits;
}

export function generateScenes(options: GenerateScenesOptions): Scene[] {
  const { split, count, seed } = options;
  const n = options.imageSize ?? generateScenesDefaults.imageSize;
  if (!(split in SPLIT_STREAM)) {
    throw new ConfigError(
      `generateScenes: unknown split ${JSON.stringify(split)}. Available: ${Object.keys(SPLIT_STREAM).join(', ')}.`,
    );
  }
  if (!Number.isInteger(count) || count < 1) {
    throw new ConfigError(`generateScenes: expected count to be an integer >= 1, got ${count}.`);
  }
  if (!Number.isInteger(n) || n < 16 || n > 256) {
    throw new ConfigError(
      `generateScenes: expected imageSize to be an integer in [16, 256], got ${n}. Shapes need at least 16 pixels.`,
    );
  }
  const rng = createRandom(seed * 4 + SPLIT_STREAM[split]);
  const scenes: Scene[] = [];
  while (scenes.length < count) {
    let scene: Scene | null = null;
    const u = rng.next();
    // held-out scenes need a relation: two or three shapes only
    const shapes = split === 'held-out' ? (u < 0.6 ? 2 : 3) : u < 0.2 ? 1 : u < 0.7 ? 2 : 3;
    for (let tries = 0; !scene && tries < generateScenesDefaults.maxTries; tries++) {
      const drawn = drawScene(rng, shapes, n);
      if (drawn && accepts(split, drawn)) scene = drawn;
    }
    if (!scene) {
      throw new ConfigError(
        `generateScenes: could not place the shapes of a ${split} scene in ${n} x ${n} pixels after ${generateScenesDefaults.maxTries} tries. Use a larger imageSize.`,
      );
    }
    scenes.push(scene);
  }
  return scenes;
}
