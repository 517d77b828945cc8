// Runs in headless Chromium (vitest.browser.config.ts): IndexedDB checkpoints, and the main
// entry training in a page with an IndexedDB store (abort, then resume to the same losses).
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  indexedDBCheckpointStore,
  loadCheckpointFromIndexedDB,
  saveCheckpointToIndexedDB,
  train,
} from '../index.js';
import { toyData, toyModel } from '../test-utils/toy-model.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('IndexedDB checkpoints (Chromium)', () => {
  it('saves, loads and verifies a checkpoint', async () => {
    const database = `test-${Date.now()}`;
    const where = await saveCheckpointToIndexedDB(
      'toy/best',
      {
        config: { task: 'toy' },
        weights: { w: { dtype: 'float32', shape: [2], data: new Float32Array([1, 2]) } },
      },
      { database },
    );
    expect(where).toBe(`indexeddb://${database}/toy/best`);
    const ck = await loadCheckpointFromIndexedDB('toy/best', { database });
    expect(ck.config).toEqual({ task: 'toy' });
    expect(Array.from(ck.weights.get('w')!.data)).toEqual([1, 2]);
    await expect(loadCheckpointFromIndexedDB('toy/none', { database })).rejects.toThrow(
      `indexeddb://${database}/toy/none: no checkpoint saved under this key.`,
    );
  });

  it('trains in the page, stops, and resumes from IndexedDB to the same losses', async () => {
    const store = indexedDBCheckpointStore(`run-${Date.now()}`);
    const common = {
      data: toyData(),
      steps: 8,
      seed: 4,
      optimizer: { name: 'adam', learningRate: 0.05 } as const,
    };
    const whole = toyModel(1);
    const reference = await train({ ...common, model: whole });
    const controller = new AbortController();
    const m1 = toyModel(1);
    const part1 = await train({
      ...common,
      model: m1,
      checkpointStore: store,
      signal: controller.signal,
      onProgress: (e) => e.kind === 'step' && e.step === 3 && controller.abort(),
    });
    const m2 = toyModel(2);
    const part2 = await train({ ...common, model: m2, checkpointStore: store, resume: true });
    expect([...part1.losses, ...part2.losses]).toEqual(reference.losses);
    for (const m of [whole, m1, m2]) m.dispose();
  });
});
