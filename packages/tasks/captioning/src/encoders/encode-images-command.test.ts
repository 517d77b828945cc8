/**
 * `recurrent data encode-images` (wasm, MobileNetV2 from nsfwjs): a folder of PNG scenes is
 * encoded with a progress line; an abort after the first chunk leaves a whole file that the
 * rerun completes without encoding an image twice; the same vectors as the encoder gives.
 * Then the generated scenes are encoded and `train captioning --features` trains on them with
 * no encoder in the loop: a scene missing from the file is an error, not a silent encode.
 * The images of a Flickr8k folder are encoded the same way and `train --data ... --features`
 * finds them by file name; another image size or a missing image is refused, by name.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { selectBackend } from '@recurrent/backends';
import type { TaskCommandContext, TaskFiles } from '@recurrent/task';
import * as tf from '@tensorflow/tfjs-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captioningTask } from '../captioning-task.js';
import { generateScenes } from '../generate-scenes.js';
import { renderScene } from '../render-scene.js';
import { fixture, nodeFiles } from '../test-utils/node-files.js';
import { encodeImagesCommand } from './encode-images-command.js';
import { readFeatureFile } from './feature-file.js';
import { loadMobilenetV2Backbone } from './mobilenet-v2-backbone.js';

let dir = '';
beforeAll(async () => {
  await selectBackend('wasm');
  dir = mkdtempSync(path.join(tmpdir(), 'captioning-encode-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files: TaskFiles = {
  textSource: () => {
    throw new Error('not used');
  },
  readBytes: async (file) => new Uint8Array(await readFile(file)),
  list: async (folder) => (await readdir(folder)).sort(),
  kind: async (file) => {
    const info = await stat(file).catch(() => null);
    return info?.isDirectory() ? 'folder' : info?.isFile() ? 'file' : null;
  },
  join: (...parts) => path.join(...parts),
};

function context(values: Record<string, unknown>, signal?: AbortSignal) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: TaskCommandContext = {
    positionals: [],
    values: values as TaskCommandContext['values'],
    files,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    ...(signal ? { signal } : {}),
  };
  return { ctx, out, err };
}

async function writeScenes(folder: string, count: number) {
  await mkdir(folder, { recursive: true });
  const scenes = generateScenes({ split: 'train', count, seed: 9, imageSize: 32 });
  for (const [i, scene] of scenes.entries()) {
    const pixels = renderScene(scene);
    const png = new PNG({ width: 32, height: 32 });
    for (let p = 0; p < 32 * 32; p++) {
      for (let c = 0; c < 3; c++) png.data[4 * p + c] = Math.round(pixels[3 * p + c]! * 255);
      png.data[4 * p + 3] = 255;
    }
    await writeFile(
      path.join(folder, `scene-${String(i).padStart(3, '0')}.png`),
      PNG.sync.write(png),
    );
  }
}

describe('recurrent data encode-images (wasm)', () => {
  it('encodes a folder, stops cleanly on abort and resumes without re-encoding', async () => {
    const folder = path.join(dir, 'images');
    await writeScenes(folder, 10);
    const out = path.join(dir, 'folder.bin');
    // an abort seen at the second chunk: it stops after the first 4 images, written whole
    let checks = 0;
    const abort = {
      get aborted() {
        return ++checks > 1;
      },
    } as AbortSignal;
    const first = context({ data: folder, out, chunk: 4 }, abort);
    expect(await encodeImagesCommand.run(first.ctx)).toBe(130);
    expect(first.out[0]).toMatch(
      /^stopped after 4 of 10 images .* holds 4 whole records: run the same command again to resume\.$/,
    );
    const rest = context({ data: folder, out, chunk: 4 });
    expect(await encodeImagesCommand.run(rest.ctx)).toBe(0);
    expect(rest.err[0]).toMatch(
      /^data encode-images: 10 images from .*images \| 4 already in .*folder\.bin \| encoding 6 with mobilenet-v2 \(1280 values each, images read at 32 x 32, 224 x 224 input\) \| backend wasm$/,
    );
    expect(rest.err.at(-1)).toMatch(/^6\/6 images \| [\d.]+ images\/s \| eta 0\.0s$/);
    expect(rest.out[0]).toMatch(
      /^encoded 6 images in .* \([\d.]+ images\/s, mobilenet-v2\) -> .*folder\.bin \(10 images\)$/,
    );
    const again = context({ data: folder, out, chunk: 4 });
    expect(await encodeImagesCommand.run(again.ctx)).toBe(0);
    expect(again.err[0]).toContain('10 already in');
    expect(again.out[0]).toMatch(/^encoded 0 images/);
    const file = await readFeatureFile(out);
    expect(file.header).toMatchObject({
      encoder: 'mobilenet-v2',
      outputSize: 1280,
      keys: 'files',
      imageSize: 32,
    });
    expect(file.vectors.size).toBe(10);
    // the stored vector is what the backbone gives the decoded file (read at 32 x 32, resized to 224 x 224)
    const backbone = await loadMobilenetV2Backbone();
    const png = PNG.sync.read(await readFile(path.join(folder, 'scene-003.png')));
    const want = tf.tidy(() => {
      const rgba = tf.tensor3d(Float32Array.from(png.data), [32, 32, 4]); // [32, 32, 4]
      const x = tf.div(tf.slice(rgba, [0, 0, 0], [32, 32, 3]), 255); // [32, 32, 3]
      const big = tf.image.resizeBilinear(x as tf.Tensor3D, [224, 224], true);
      return backbone.features(tf.expandDims(big, 0) as tf.Tensor4D).dataSync();
    });
    const got = file.vectors.get('scene-003.png')!;
    for (let i = 0; i < 1280; i += 37) expect(got[i]).toBeCloseTo(want[i]!, 4);
  }, 300_000);

  it('encodes the generated scenes; train --features needs no encoder', async () => {
    const out = path.join(dir, 'scenes.bin');
    const scenes = { scenes: 40, validationScenes: 4, heldOutScenes: 4 };
    const run = context({ ...scenes, out });
    expect(await encodeImagesCommand.run(run.ctx)).toBe(0);
    expect(run.out[0]).toMatch(/^encoded 48 images/);
    const hp = captioningTask.resolveHyperParameters('tiny', {
      encoder: 'mobilenet-v2',
      steps: 20,
    });
    const logs: string[] = [];
    const data = await captioningTask.prepareData({ ...scenes, features: out }, hp, {
      onLog: (l) => logs.push(l),
    });
    expect(logs[0]).toBe(`features: 48 vectors of mobilenet-v2 from ${out}`);
    const model = captioningTask.create(data, hp);
    const before = tf.memory().numTensors;
    const result = await captioningTask.train(model, data, { evalEvery: 20 });
    expect(result).toMatchObject({ step: 20, reason: 'completed' });
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
    await expect(
      captioningTask.prepareData({ ...scenes, scenes: 41, features: out }, hp, {}),
    ).rejects.toThrow(/an image is not in .*scenes\.bin \(48 images of scenes/);
    await expect(
      captioningTask.prepareData(
        { ...scenes, features: out },
        captioningTask.resolveHyperParameters('tiny', {}),
        {},
      ),
    ).rejects.toThrow(
      'expected features of the generated scenes and --encoder set to the encoder that made them, got --encoder scratch',
    );
  }, 300_000);

  it('encodes the images of a Flickr8k folder; train --data ... --features finds them by file name', async () => {
    const root = fixture('flickr8k');
    const images = path.join(root, 'Flicker8k_Dataset');
    const out = path.join(dir, 'flickr8k.bin');
    const run = context({ data: images, out });
    expect(await encodeImagesCommand.run(run.ctx)).toBe(0);
    expect(run.out[0]).toMatch(/^encoded 21 images/);
    const hp = captioningTask.resolveHyperParameters('tiny', {
      encoder: 'mobilenet-v2',
      steps: 12,
    });
    const folder = { data: root, format: 'flickr8k', features: out };
    const logs: string[] = [];
    const data = await captioningTask.prepareData(folder, hp, {
      files: nodeFiles,
      onLog: (l) => logs.push(l),
    });
    expect(logs).toContain(`features: 21 vectors of mobilenet-v2 from ${out}`);
    // the feature file stands in for the encoder: an image missing from it would throw
    const model = captioningTask.create(data, hp);
    const before = tf.memory().numTensors;
    const result = await captioningTask.train(model, data, { evalEvery: 12 });
    expect(result).toMatchObject({ step: 12, reason: 'completed' });
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
    // read at another size: refused, naming both sizes and the fix
    await expect(
      captioningTask.prepareData(
        folder,
        captioningTask.resolveHyperParameters('tiny', { encoder: 'mobilenet-v2', imageSize: 64 }),
        { files: nodeFiles },
      ),
    ).rejects.toThrow(
      `holds images read at 32 x 32, expected 64 x 64, this run's --image-size. Encode again with \`recurrent data encode-images --data <image folder> --image-size 64 --encoder mobilenet-v2 --out <new file>\`, or train with --image-size 32.`,
    );
    // a folder encoded without one of the images: refused, with the count and the first
    const partial = path.join(dir, 'partial');
    await mkdir(partial, { recursive: true });
    for (const name of (await readdir(images)).slice(1)) {
      await writeFile(path.join(partial, name), await readFile(path.join(images, name)));
    }
    const partialOut = path.join(dir, 'partial.bin');
    expect(await encodeImagesCommand.run(context({ data: partial, out: partialOut }).ctx)).toBe(0);
    await expect(
      captioningTask.prepareData({ ...folder, features: partialOut }, hp, { files: nodeFiles }),
    ).rejects.toThrow(
      /^captioning: 1 of \d+ images are not in --features .*partial\.bin \(20 files of .*partial\), first .*1000_scene\.jpg; expected every image of the data set\./,
    );
    // scene features for a folder run: refused by what they hold
    await expect(
      captioningTask.prepareData({ ...folder, features: path.join(dir, 'scenes.bin') }, hp, {
        files: nodeFiles,
      }),
    ).rejects.toThrow(
      'holds mobilenet-v2 features of generated scenes; expected features of the images of --data',
    );
  }, 300_000);
});
