/**
 * The captioning task with a frozen pretrained encoder (wasm): `--encoder mobilenet-v2`
 * encodes every scene once while preparing the data (logging images/s), trains the decoder
 * only (the checkpoint holds no encoder weight), and the checkpoint rebuilds into a model
 * that captions exactly as the trained one. numTensors stays flat over the training steps.
 *
 * No `import '@tensorflow/tfjs-core/dist/register_all_gradients'` first, as the other tests
 * here have: under Vitest that loads tfjs-core's ESM files before its CommonJS bundle, the
 * ESM copy then owns the engine without its op handler, and tfjs-layers' `tensor.clone()`
 * (MobileNetV2's Add layers) fails on null. train() registers the gradients itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { selectBackend } from '@recurrent/backends';
import { loadCheckpoint } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captionImages } from '../caption-images.js';
import { captioningTask } from '../captioning-task.js';

let dir = '';
beforeAll(async () => {
  await selectBackend('wasm');
  dir = mkdtempSync(path.join(tmpdir(), 'captioning-pretrained-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('captioningTask with --encoder mobilenet-v2 (wasm)', () => {
  it('trains the decoder on remembered features and round-trips the checkpoint', async () => {
    const hp = captioningTask.resolveHyperParameters('tiny', {
      encoder: 'mobilenet-v2',
      steps: 40,
    });
    const logs: string[] = [];
    const data = await captioningTask.prepareData(
      { scenes: 48, validationScenes: 6, heldOutScenes: 6 },
      hp,
      { onLog: (line) => logs.push(line) },
    );
    expect(logs.at(-1)).toMatch(/^encoder mobilenet-v2: 60\/60 images \| [\d.]+ images\/s$/);
    const model = captioningTask.create(data, hp);
    expect(model.encoder).toMatchObject({ kind: 'mobilenet-v2', outputSize: 1280, weights: [] });
    const counts: number[] = [];
    const losses: number[] = [];
    const result = await captioningTask.train(model, data, {
      checkpointDir: path.join(dir, 'run'),
      evalEvery: 40,
      checkpointEvery: 40,
      onProgress: (e) => {
        if (e.kind === 'step') {
          counts.push(tf.memory().numTensors);
          losses.push(e.loss);
        }
      },
    });
    expect(result).toMatchObject({ step: 40, reason: 'completed' });
    expect(counts.length).toBeGreaterThan(10);
    expect(new Set(counts.slice(2)).size).toBe(1);
    expect(losses.at(-1)!).toBeLessThan(losses[0]! - 0.5);
    const checkpoint = await loadCheckpoint(path.join(dir, 'run', 'latest'));
    expect(checkpoint.config).toMatchObject({ encoder: 'mobilenet-v2', encoderOutputSize: 1280 });
    expect(Object.keys(checkpoint.weights).filter((k) => k.startsWith('cnn/'))).toEqual([]);
    const images = data.heldOut.map((i) => i.pixels);
    const trained = await captionImages(model, images, { beamWidth: 3, maxLength: 8 });
    const loaded = captioningTask.fromCheckpoint(checkpoint);
    expect(await captionImages(loaded, images, { beamWidth: 3, maxLength: 8 })).toEqual(trained);
    loaded.dispose();
    model.dispose();
  }, 300_000);
});
