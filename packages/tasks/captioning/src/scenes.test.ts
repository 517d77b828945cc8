/**
 * The embedded data: seeded scenes, the held-out split (training never holds a held-out
 * combination, every held-out scene holds one), captions that parse back to their scene,
 * pixels where the shapes are, and errors that name the fix.
 */
import { describe, expect, it } from 'vitest';
import { captionScene } from './caption-scene.js';
import { generateScenes, heldOutTriples } from './generate-scenes.js';
import { parseCaption, scoreClaim } from './parse-caption.js';
import { renderDefaults, renderScene } from './render-scene.js';
import { COLOUR_RGB, type Scene, sceneTriples } from './scene.js';

const held = new Set(heldOutTriples);

describe('generateScenes', () => {
  it('is seeded: the same seed gives the same scenes, another seed others', () => {
    const a = generateScenes({ split: 'train', count: 20, seed: 7 });
    expect(generateScenes({ split: 'train', count: 20, seed: 7 })).toEqual(a);
    expect(generateScenes({ split: 'train', count: 20, seed: 8 })).not.toEqual(a);
  });

  it('keeps held-out combinations out of training and validation, and in every held-out scene', () => {
    for (const split of ['train', 'validation'] as const) {
      const scenes = generateScenes({ split, count: 400, seed: 1 });
      expect(scenes.flatMap(sceneTriples).filter((t) => held.has(t))).toEqual([]);
      expect(new Set(scenes.map((s) => s.objects.length))).toEqual(new Set([1, 2, 3]));
    }
    const heldOut = generateScenes({ split: 'held-out', count: 200, seed: 1 });
    expect(heldOut.every((s) => sceneTriples(s).some((t) => held.has(t)))).toBe(true);
  });

  it('trains on every colour, shape and role of the held-out combinations, just not together', () => {
    const triples = new Set(
      generateScenes({ split: 'train', count: 2000, seed: 3 }).flatMap(sceneTriples),
    );
    for (const t of heldOutTriples) {
      const [colour, shape, role] = t.split(' ');
      expect([...triples].some((u) => u.startsWith(`${colour} `) && u.endsWith(` ${role}`))).toBe(
        true,
      );
      expect([...triples].some((u) => u.includes(` ${shape} `))).toBe(true);
    }
  });

  it('places shapes without overlap, further apart along the axis than across it', () => {
    for (const s of generateScenes({ split: 'train', count: 300, seed: 5 })) {
      for (let i = 1; i < s.objects.length; i++) {
        const [a, b] = [s.objects[i - 1]!, s.objects[i]!];
        const along = s.axis === 'horizontal' ? b.x - a.x : b.y - a.y;
        const across = s.axis === 'horizontal' ? b.y - a.y : b.x - a.x;
        expect(along).toBeGreaterThan(0);
        expect(Math.abs(across)).toBeLessThan(0.6 * along);
      }
    }
  });

  it('names the fix for bad options', () => {
    expect(() => generateScenes({ split: 'test' as never, count: 1, seed: 0 })).toThrow(
      'generateScenes: unknown split "test". Available: train, validation, held-out.',
    );
    expect(() => generateScenes({ split: 'train', count: 0, seed: 0 })).toThrow(
      'expected count to be an integer >= 1, got 0',
    );
    expect(() => generateScenes({ split: 'train', count: 1, seed: 0, imageSize: 8 })).toThrow(
      'expected imageSize to be an integer in [16, 256], got 8',
    );
  });
});

describe('captions', () => {
  const one: Scene = {
    objects: [{ shape: 'circle', colour: 'red', size: 'small', x: 10, y: 10 }],
    axis: 'horizontal',
    imageSize: 32,
    noiseSeed: 1,
  };
  const two: Scene = {
    objects: [
      { shape: 'circle', colour: 'red', size: 'small', x: 8, y: 16 },
      { shape: 'square', colour: 'blue', size: 'large', x: 22, y: 14 },
    ],
    axis: 'horizontal',
    imageSize: 32,
    noiseSeed: 1,
  };

  it('come from the grammar, forwards and backwards', () => {
    expect(captionScene(one)).toEqual(['a small red circle', 'there is a small red circle']);
    expect(captionScene(two)).toEqual([
      'a small red circle left of a large blue square',
      'a large blue square right of a small red circle',
      'there is a small red circle left of a large blue square',
      'there is a large blue square right of a small red circle',
    ]);
  });

  it('parse back to their scene: every reference names every attribute right', () => {
    for (const s of generateScenes({ split: 'held-out', count: 100, seed: 2 })) {
      for (const c of captionScene(s)) {
        expect(scoreClaim(parseCaption(c.split(' ')), s).all).toBe(true);
      }
    }
  });

  it('score each attribute on its own', () => {
    const score = (c: string) => scoreClaim(parseCaption(c.split(' ')), two);
    expect(score('a small red circle left of a large green square')).toEqual({
      colour: false,
      shape: true,
      size: true,
      relation: false,
      all: false,
    });
    expect(score('a large red circle left of a large blue square')).toMatchObject({
      size: false,
      relation: true,
      all: false,
    });
    expect(score('a small red circle right of a large blue square')).toMatchObject({
      colour: true,
      relation: false,
    });
    expect(score('a small red circle above a large blue square')).toMatchObject({
      relation: false,
    });
    expect(parseCaption('a red circle'.split(' '))).toBeNull(); // no size: outside the grammar
    expect(parseCaption('a small red circle left a large blue square'.split(' '))).toBeNull();
    expect(score('a small red')).toEqual({
      colour: false,
      shape: false,
      size: false,
      relation: false,
      all: false,
    });
  });
});

describe('renderScene', () => {
  it('draws each shape in its colour at its place, on a noisy dark background', () => {
    const s = generateScenes({ split: 'train', count: 1, seed: 11 })[0]!;
    const pixels = renderScene(s);
    expect(pixels).toHaveLength(32 * 32 * 3);
    for (const o of s.objects) {
      const at = 3 * (Math.floor(o.y) * 32 + Math.floor(o.x));
      expect([...pixels.slice(at, at + 3)].map((v) => +v.toFixed(2))).toEqual([
        ...COLOUR_RGB[o.colour],
      ]);
    }
    expect(Math.abs(pixels[0]! - renderDefaults.background)).toBeLessThanOrEqual(
      renderDefaults.noise,
    );
    expect(renderScene(s)).toEqual(pixels); // the noise is seeded
  });
});
