/**
 * `recurrent train captioning --data <folder> --format ...` and `recurrent eval <run> --data
 * ... --split test` through the task on wasm, on the committed fixture folders: the scratch
 * CNN trains on the Flickr8k fixture with numTensors flat, evaluation prints BLEU-1..4 for
 * greedy and beams 3 and 5; the other layouts prepare too, and a missing --format says how.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { selectBackend } from '@recurrent/backends';
import { ConfigError } from '@recurrent/errors';
import { loadCheckpoint } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captioningTask } from '../captioning-task.js';
import { nodeFiles as files, fixture } from '../test-utils/node-files.js';

let dir = '';
beforeAll(async () => {
  await selectBackend('wasm');
  dir = mkdtempSync(path.join(tmpdir(), 'captioning-folder-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('captioningTask on a real-format folder (wasm)', () => {
  it('trains on the Flickr8k fixture and evaluates its test split', async () => {
    const hp = captioningTask.resolveHyperParameters('tiny', { steps: 30, minFrequency: 1 });
    const logs: string[] = [];
    const options = { data: fixture('flickr8k'), format: 'flickr8k' };
    const data = await captioningTask.prepareData(options, hp, {
      files,
      onLog: (l) => logs.push(l),
    });
    expect([data.train.length, data.validation.length, data.heldOut.length]).toEqual([12, 4, 4]);
    expect(logs.join('\n')).toMatch(/flickr8k: 1 images named in .* have no file/);
    expect(captioningTask.describeData(data)[0]).toMatch(
      /^data: .*flickr8k \(flickr8k\) \| 32 x 32 RGB \| train 12 images \(\d+ captions\) \| validation 4 \| held-out = test split, 4$/,
    );
    const model = captioningTask.create(data, hp);
    const runDir = path.join(dir, 'flickr8k');
    const before = tf.memory().numTensors;
    const result = await captioningTask.train(model, data, {
      checkpointDir: runDir,
      evalEvery: 10,
      checkpointEvery: 10,
    });
    expect(result).toMatchObject({ step: 30, reason: 'completed' });
    expect(tf.memory().numTensors).toBe(before);
    const checkpoint = await loadCheckpoint(path.join(runDir, 'latest'));
    expect(checkpoint.config).toMatchObject({ format: 'flickr8k', heldOutSplit: 'test' });
    const loaded = captioningTask.fromCheckpoint(checkpoint);
    const evaluation = await captioningTask.evaluateRun(
      loaded,
      checkpoint.config,
      { ...options, split: 'test' },
      { files },
    );
    expect(evaluation.lines[0]).toMatch(/^flickr8k test split of .*: 4 images, 16 references$/);
    expect(evaluation.lines.slice(-3).map((l) => l.split(/ +/)[0])).toEqual([
      'greedy',
      'beam',
      'beam',
    ]);
    for (const name of ['greedy', 'beam3', 'beam5'])
      for (const n of [1, 2, 3, 4]) {
        const bleu = evaluation.metrics[`${name}Bleu${n}`]!;
        expect(bleu).toBeGreaterThanOrEqual(0);
        expect(bleu).toBeLessThanOrEqual(1);
      }
    loaded.dispose();
    model.dispose();
  }, 300_000);

  it('prepares the COCO (no test split: held-out is validation) and Karpathy fixtures', async () => {
    const hp = captioningTask.resolveHyperParameters('tiny', { minFrequency: 1 });
    const coco = await captioningTask.prepareData({ data: fixture('coco'), format: 'coco' }, hp, {
      files,
    });
    expect([coco.train.length, coco.validation.length, coco.heldOut.length]).toEqual([8, 4, 4]);
    expect(coco.provenance.heldOutSplit).toBe('validation');
    const karpathy = await captioningTask.prepareData(
      { data: fixture('karpathy'), format: 'karpathy' },
      hp,
      { files },
    );
    expect([karpathy.train.length, karpathy.validation.length, karpathy.heldOut.length]).toEqual([
      8, 2, 3,
    ]);
  });

  it('asks for --format when --data has none', async () => {
    const hp = captioningTask.resolveHyperParameters('tiny', {});
    await expect(
      captioningTask.prepareData({ data: fixture('flickr8k') }, hp, { files }),
    ).rejects.toThrow(ConfigError);
    await expect(
      captioningTask.prepareData({ data: fixture('flickr8k') }, hp, { files }),
    ).rejects.toThrow(/needs --format, one of flickr8k, coco, karpathy; got none/);
  });
});
