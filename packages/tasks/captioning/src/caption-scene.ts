/**
 * The captions of a scene, from a small grammar: every reference names every shape with its
 * size, colour and kind, and the order of the shapes in two phrasings (forwards with `left
 * of` / `above`, backwards with `right of` / `below`), each with and without `there is`.
 * Tokens are space-separated lower-case words.
 *
 * @example
 * captionScene(scene);
 * // ['a small red circle left of a large blue square',
 * //  'a large blue square right of a small red circle', 'there is a small red circle ...', ...]
 */
import type { Scene, SceneObject } from './scene.js';

const phrase = (o: SceneObject) => `a ${o.size} ${o.colour} ${o.shape}`;

export function captionScene(scene: Scene): string[] {
  const objects = scene.objects;
  if (objects.length === 1) {
    const np = phrase(objects[0]!);
    return [np, `there is ${np}`];
  }
  const [forward, backward] =
    scene.axis === 'horizontal' ? ['left of', 'right of'] : ['above', 'below'];
  const ahead = objects.map(phrase).join(` ${forward} `);
  const behind = [...objects].reverse().map(phrase).join(` ${backward} `);
  return [ahead, behind, `there is ${ahead}`, `there is ${behind}`];
}
