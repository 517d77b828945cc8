/**
 * The task end to end on wasm with the tiny preset: training writes checkpoints that
 * `fromCheckpoint` rebuilds into a model captioning exactly as the trained one, a resumed
 * run repeats the losses of an uninterrupted one, `recurrent caption` reads a PNG, and bad
 * options fail with messages that say what was expected.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { selectBackend } from '@recurrent/backends';
import type { TaskCommandContext, TaskFiles } from '@recurrent/task';
import { loadCheckpoint } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captionCommand } from './caption-command.js';
import { captionImages } from './caption-images.js';
import { captioningTask } from './captioning-task.js';
import { generateScenes } from './generate-scenes.js';
import { renderScene } from './render-scene.js';

let dir = '';
beforeAll(async () => {
  await selectBackend('wasm');
  dir = mkdtempSync(path.join(tmpdir(), 'captioning-task-'));
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

const dataOptions = { scenes: 64, validationScenes: 6, heldOutScenes: 6 };

async function setup(steps = 12) {
  const hp = captioningTask.resolveHyperParameters('tiny', { steps });
  const data = await captioningTask.prepareData(dataOptions, hp, {});
  return { hp, data, fresh: () => captioningTask.create(data, hp) };
}

describe('captioningTask (wasm)', () => {
  it('round-trips a checkpoint: the rebuilt model gives the same beams', async () => {
    const { data, fresh } = await setup();
    const model = fresh();
    const runDir = path.join(dir, 'round-trip');
    const result = await captioningTask.train(model, data, {
      checkpointDir: runDir,
      evalEvery: 6,
      checkpointEvery: 6,
    });
    expect(result).toMatchObject({ step: 12, reason: 'completed' });
    const images = data.heldOut.map((i) => i.pixels);
    const trained = await captionImages(model, images, { beamWidth: 3, maxLength: 8 });
    const checkpoint = await loadCheckpoint(path.join(runDir, 'latest'));
    expect(checkpoint.config).toMatchObject({
      task: 'captioning',
      encoder: 'scratch-cnn',
      scenes: 64,
    });
    const loaded = captioningTask.fromCheckpoint(checkpoint);
    expect(await captionImages(loaded, images, { beamWidth: 3, maxLength: 8 })).toEqual(trained);
    const evaluation = await captioningTask.evaluateRun(loaded, checkpoint.config, {}, {});
    expect(evaluation.lines[1]).toMatch(/^split +decoder +BLEU-1/);
    expect(Object.keys(evaluation.metrics)).toContain('heldOutBeam5Bleu4');
    loaded.dispose();
    model.dispose();
  }, 300_000);

  it('loads a checkpoint saved before attentionQuery existed as the previous-h decoder it was', async () => {
    const hp = captioningTask.resolveHyperParameters('tiny', {
      steps: 6,
      attentionQuery: 'previous',
    });
    const data = await captioningTask.prepareData(dataOptions, hp, {});
    const model = captioningTask.create(data, hp);
    const runDir = path.join(dir, 'before-attention-query');
    await captioningTask.train(model, data, { checkpointDir: runDir, checkpointEvery: 6 });
    const images = data.heldOut.map((i) => i.pixels);
    const trained = await captionImages(model, images, { beamWidth: 3, maxLength: 8 });
    const checkpoint = await loadCheckpoint(path.join(runDir, 'latest'));
    const { attentionQuery, ...older } = checkpoint.config.hyperParameters as Record<
      string,
      unknown
    >;
    expect(attentionQuery).toBe('previous');
    const loaded = captioningTask.fromCheckpoint({
      ...checkpoint,
      config: { ...checkpoint.config, hyperParameters: older as never },
    });
    expect(loaded.hyperParameters.attentionQuery).toBe('previous');
    expect(await captionImages(loaded, images, { beamWidth: 3, maxLength: 8 })).toEqual(trained);
    loaded.dispose();
    model.dispose();
  }, 300_000);

  it('resumes to the same losses as an uninterrupted run', async () => {
    const { data, fresh } = await setup();
    const straight = fresh();
    const reference = await captioningTask.train(straight, data, { evalEvery: 100 });
    straight.dispose();
    const runDir = path.join(dir, 'resume');
    const controller = new AbortController();
    const first = fresh();
    const part1 = await captioningTask.train(first, data, {
      checkpointDir: runDir,
      checkpointEvery: 5,
      evalEvery: 100,
      signal: controller.signal,
      onProgress: (e) => e.kind === 'step' && e.step === 5 && controller.abort(),
    });
    first.dispose();
    expect(part1).toMatchObject({ step: 5, reason: 'aborted' });
    const second = fresh();
    const tensors = tf.memory().numTensors;
    const part2 = await captioningTask.train(second, data, {
      checkpointDir: runDir,
      checkpointEvery: 5,
      evalEvery: 100,
      resume: true,
    });
    expect(tf.memory().numTensors).toBe(tensors); // the resume path leaks nothing
    expect([...part1.losses, ...part2.losses]).toEqual(reference.losses);
    expect(reference.losses).toHaveLength(12);
    second.dispose();
  }, 300_000);

  it('captions a PNG through `recurrent caption` and names what it cannot read', async () => {
    const { data, fresh } = await setup(4);
    const model = fresh();
    const runDir = path.join(dir, 'caption-run');
    await captioningTask.train(model, data, {
      checkpointDir: runDir,
      evalEvery: 4,
      checkpointEvery: 4,
    });
    model.dispose();
    const scene = generateScenes({ split: 'held-out', count: 1, seed: 9 })[0]!;
    const pixels = renderScene(scene);
    const png = new PNG({ width: 32, height: 32 });
    for (let i = 0; i < 32 * 32; i++) {
      png.data.set([0, 1, 2].map((c) => Math.round(255 * pixels[3 * i + c]!)).concat(255), 4 * i);
    }
    const image = path.join(dir, 'scene.png');
    writeFileSync(image, PNG.sync.write(png));
    const run = async (positionals: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const ctx: TaskCommandContext = {
        positionals,
        values: { runsDir: dir },
        files,
        out: (l) => out.push(l),
        err: (l) => err.push(l),
      };
      return { code: await captionCommand.run(ctx), out, err };
    };
    const ok = await run(['caption-run', image]);
    expect(ok.code).toBe(0);
    expect(ok.out[0]).toBe(`${image} (32 x 32)`);
    expect(ok.out.slice(1)).toHaveLength(3);
    // four tiny steps: a beam may end at once (<eos> first), an empty caption after its score
    for (const line of ok.out.slice(1)) expect(line).toMatch(/^ +-\d+\.\d{3} {2}(\S|$)/);
    expect(ok.err[0]).toMatch(/^1 image in \d+\.\d\d s \(beam 3, backend wasm\) from /);
    await expect(run(['caption-run', path.join(dir, 'nope.png')])).rejects.toThrow(
      `${path.join(dir, 'nope.png')}: could not read the image (ENOENT). Check the path.`,
    );
    await expect(run(['caption-run'])).rejects.toThrow(
      'recurrent caption: expected a run and at least one image, got no image.',
    );
    await mkdir(path.join(dir, 'empty'));
    await expect(run(['empty', image])).rejects.toThrow(/no checkpoint found for "empty"/);
  }, 300_000);

  it('refuses bad options, saying what it expected', async () => {
    const resolve = captioningTask.resolveHyperParameters;
    expect(() => resolve('huge', {})).toThrow(
      'captioning: unknown preset "huge". Available: default, image-input, tiny.',
    );
    expect(() => resolve('default', { units: 0 })).toThrow(
      'captioning: expected units to be an integer in [1, 8192], got the number 0.',
    );
    expect(() => resolve('default', { imageAs: 'prefix' as never })).toThrow(
      'captioning: expected imageAs to be one of state, input, got the string "prefix".',
    );
    expect(() => resolve('default', { imageSize: 36 })).toThrow(
      'captioning: expected imageSize divisible by 2^cnnBlocks with at least 2 pixels left, got imageSize 36 and cnnBlocks 3 (4.5 pixels). Try --image-size 32 --cnn-blocks 3.',
    );
    expect(() => resolve('default', { frobnicate: 1 } as never)).toThrow(
      'captioning: unknown hyper-parameter "frobnicate".',
    );
    const hp = resolve('tiny', {});
    await expect(captioningTask.prepareData({ scenes: 0 }, hp, {})).rejects.toThrow(
      'captioning: expected scenes to be an integer in [1, 1000000], got 0.',
    );
    const { data, fresh } = await setup(2);
    const model = fresh();
    const runDir = path.join(dir, 'other-task');
    await captioningTask.train(model, data, {
      checkpointDir: runDir,
      checkpointEvery: 2,
      evalEvery: 2,
      extraConfig: { task: 'sentiment' },
    });
    model.dispose();
    const other = await loadCheckpoint(path.join(runDir, 'latest'));
    expect(() => captioningTask.fromCheckpoint(other)).toThrow(
      /expected a captioning checkpoint, got task "sentiment"/,
    );
  }, 300_000);
});
