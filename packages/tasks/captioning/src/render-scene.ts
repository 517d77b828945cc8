/**
 * Draws a scene as RGB pixels: a dark background with a little seeded noise, then each
 * shape filled in its colour (anti-aliasing left out: edges are exact). Row-major
 * `[height, width, 3]` float32 in [0, 1], the layout `tf.tensor3d` and conv2d read.
 *
 * @example
 * const pixels = renderScene(scene); // Float32Array(32 * 32 * 3)
 */
import { createRandom } from '@recurrent/random';
import { COLOUR_RGB, type Scene, type SceneObject } from './scene.js';

export const renderDefaults = Object.freeze({
  background: 0.12, // dark grey: every colour stands out from it
  noise: 0.04, // +-0.04 per pixel and channel: the encoder must not rely on exact values
  smallRadius: 0.11, // half-width of a small shape, as a share of the image width (3.5 px at 32)
  largeRadius: 0.19, // 1.7x as wide: size is plain to see, and a large shape fits beside two small ones
});

/** Half-width in pixels of a shape of this size in an image `imageSize` wide. */
export function shapeRadius(size: SceneObject['size'], imageSize: number): number {
  return (size === 'small' ? renderDefaults.smallRadius : renderDefaults.largeRadius) * imageSize;
}

function inside(o: SceneObject, px: number, py: number, r: number): boolean {
  const dx = px - o.x;
  const dy = py - o.y;
  if (o.shape === 'circle') return dx * dx + dy * dy <= r * r;
  if (o.shape === 'square') return Math.abs(dx) <= 0.85 * r && Math.abs(dy) <= 0.85 * r;
  // triangle pointing up: apex at y - r, base at y + r, half-width r at the base
  if (dy < -r || dy > r) return false;
  return Math.abs(dx) <= (dy + r) / 2;
}

export function renderScene(scene: Scene): Float32Array {
  const n = scene.imageSize;
  const pixels = new Float32Array(n * n * 3);
  const rng = createRandom(scene.noiseSeed);
  const { background, noise } = renderDefaults;
  for (let i = 0; i < pixels.length; i++) pixels[i] = background + noise * (2 * rng.next() - 1);
  for (const o of scene.objects) {
    const r = shapeRadius(o.size, n);
    const [red, green, blue] = COLOUR_RGB[o.colour];
    const x0 = Math.max(0, Math.floor(o.x - r));
    const x1 = Math.min(n - 1, Math.ceil(o.x + r));
    const y0 = Math.max(0, Math.floor(o.y - r));
    const y1 = Math.min(n - 1, Math.ceil(o.y + r));
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        if (!inside(o, x + 0.5, y + 0.5, r)) continue;
        const at = 3 * (y * n + x);
        pixels[at] = red;
        pixels[at + 1] = green;
        pixels[at + 2] = blue;
      }
    }
  }
  return pixels;
}
