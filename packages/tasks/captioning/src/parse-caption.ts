/**
 * Reads a caption of the scene grammar back into what it claims: the shapes it names and
 * the order it puts them in, normalised to the forward relation (`x right of y` is `y left
 * of x`). Attribute accuracy compares these claims with the scene. A caption outside the
 * grammar parses to `null` (counted as wrong on every attribute).
 *
 * @example
 * parseCaption('a large blue square right of a small red circle'.split(' '));
 * // { axis: 'horizontal', objects: [{ size: 'small', colour: 'red', shape: 'circle' },
 * //                                  { size: 'large', colour: 'blue', shape: 'square' }] }
 */
import {
  type Axis,
  COLOURS,
  type Colour,
  type Scene,
  SHAPES,
  type ShapeKind,
  SIZES,
  type Size,
} from './scene.js';

export interface ClaimedObject {
  readonly size: Size;
  readonly colour: Colour;
  readonly shape: ShapeKind;
}

export interface CaptionClaim {
  /** The order axis; null for a single shape. */
  readonly axis: Axis | null;
  /** Left to right, or top to bottom. */
  readonly objects: readonly ClaimedObject[];
}

const RELATIONS: Readonly<Record<string, { axis: Axis; reversed: boolean; words: number }>> = {
  left: { axis: 'horizontal', reversed: false, words: 2 },
  right: { axis: 'horizontal', reversed: true, words: 2 },
  above: { axis: 'vertical', reversed: false, words: 1 },
  below: { axis: 'vertical', reversed: true, words: 1 },
};

export function parseCaption(tokens: readonly string[]): CaptionClaim | null {
  let at = tokens[0] === 'there' && tokens[1] === 'is' ? 2 : 0;
  const objects: ClaimedObject[] = [];
  let relation: (typeof RELATIONS)[string] | null = null;
  for (;;) {
    const [a, size, colour, shape] = tokens.slice(at, at + 4);
    if (
      a !== 'a' ||
      !(SIZES as readonly string[]).includes(size ?? '') ||
      !(COLOURS as readonly string[]).includes(colour ?? '') ||
      !(SHAPES as readonly string[]).includes(shape ?? '')
    ) {
      return null;
    }
    objects.push({ size: size as Size, colour: colour as Colour, shape: shape as ShapeKind });
    at += 4;
    if (at === tokens.length) break;
    const next = RELATIONS[tokens[at] ?? ''];
    if (!next || (relation && next !== relation)) return null;
    if (next.words === 2 && tokens[at + 1] !== 'of') return null;
    relation = next;
    at += next.words;
  }
  if (relation?.reversed) objects.reverse();
  return { axis: relation?.axis ?? null, objects };
}

/** Which attributes a claim gets right about a scene (all false when it did not parse). */
export interface AttributeScore {
  readonly colour: boolean;
  readonly shape: boolean;
  readonly size: boolean;
  /** The axis and the order of the shapes (as colour + kind) along it. */
  readonly relation: boolean;
  /** Every attribute of every shape and the relation: the caption is exactly right. */
  readonly all: boolean;
}

export function scoreClaim(claim: CaptionClaim | null, scene: Scene): AttributeScore {
  const truth = scene.objects;
  if (!claim || claim.objects.length !== truth.length) {
    return { colour: false, shape: false, size: false, relation: false, all: false };
  }
  const sameMultiset = (pick: (o: ClaimedObject) => string) =>
    claim.objects.map(pick).sort().join('|') === truth.map(pick).sort().join('|');
  const colour = sameMultiset((o) => o.colour);
  const shape = sameMultiset((o) => o.shape);
  const size = sameMultiset((o) => o.size);
  const axisRight = truth.length === 1 || claim.axis === scene.axis;
  const relation =
    axisRight &&
    claim.objects.every((o, i) => o.colour === truth[i]!.colour && o.shape === truth[i]!.shape);
  const all = relation && claim.objects.every((o, i) => o.size === truth[i]!.size);
  return { colour, shape, size, relation, all };
}
