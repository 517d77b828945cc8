/**
 * What a generated scene is: 1-3 shapes (circle, square, triangle), each with a colour and a
 * size, on a plain background, and for two or three shapes the relation that orders them
 * (left to right, or top to bottom). Plain data: `renderScene` draws it, `captionScene`
 * describes it, `parseCaption` reads a caption back into the same terms.
 */

export const COLOURS = Object.freeze(['red', 'green', 'blue', 'yellow'] as const);
export const SHAPES = Object.freeze(['circle', 'square', 'triangle'] as const);
export const SIZES = Object.freeze(['small', 'large'] as const);

export type Colour = (typeof COLOURS)[number];
export type ShapeKind = (typeof SHAPES)[number];
export type Size = (typeof SIZES)[number];
/** How the shapes of a scene are ordered: along x (`left of`) or along y (`above`). */
export type Axis = 'horizontal' | 'vertical';

/** RGB in [0, 1] of each colour: far apart, so colour is never ambiguous. */
export const COLOUR_RGB: Readonly<Record<Colour, readonly [number, number, number]>> =
  Object.freeze({
    red: [0.9, 0.15, 0.12],
    green: [0.15, 0.78, 0.2],
    blue: [0.2, 0.35, 0.95],
    yellow: [0.95, 0.85, 0.15],
  });

export interface SceneObject {
  readonly shape: ShapeKind;
  readonly colour: Colour;
  readonly size: Size;
  /** Centre in pixels of an image `imageSize` wide. */
  readonly x: number;
  readonly y: number;
}

export interface Scene {
  /** In order along `axis`: left to right, or top to bottom. */
  readonly objects: readonly SceneObject[];
  readonly axis: Axis;
  /** Width and height in pixels. */
  readonly imageSize: number;
  /** Seeds the background noise of the rendering. */
  readonly noiseSeed: number;
}

/**
 * The (colour, shape, role) triples of a scene: the role of each shape in each relation it
 * takes part in (`left`: it is left of another). The held-out split is defined on these.
 */
export type RelationRole = 'left' | 'right' | 'above' | 'below';

export function sceneTriples(scene: Scene): string[] {
  const out: string[] = [];
  const [first, second] = scene.axis === 'horizontal' ? ['left', 'right'] : ['above', 'below'];
  for (let i = 0; i + 1 < scene.objects.length; i++) {
    const a = scene.objects[i]!;
    const b = scene.objects[i + 1]!;
    out.push(`${a.colour} ${a.shape} ${first}`, `${b.colour} ${b.shape} ${second}`);
  }
  return out;
}
