/**
 * Captioning on a real-format folder through the CLI: the Flickr8k fixture (token file,
 * split lists, an image folder with a missing image and a captioned image in no split) with
 * the pretrained MobileNetV2 encoder (nsfwjs's bundled weights, no network), then `eval` of
 * that run on the folder's test split.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runBin } from './test-bin.js';

const flickr8k = fileURLToPath(
  new URL('../../../packages/tasks/captioning/fixtures/flickr8k', import.meta.url),
);
const tmp = await mkdtemp(path.join(os.tmpdir(), 'recurrent-captioning-folder-'));
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('recurrent train captioning --data <flickr8k folder> --encoder mobilenet-v2', () => {
  it('trains on the folder with the frozen encoder, then eval scores its test split', async () => {
    const train = await runBin(tmp, [
      'train',
      'captioning',
      '--data',
      flickr8k,
      '--format',
      'flickr8k',
      '--encoder',
      'mobilenet-v2',
      '--preset',
      'tiny',
      '--steps',
      '10',
      '--min-frequency',
      '1',
      '--backend',
      'wasm',
    ]);
    const trainOutput = `${train.stdout}\n${train.stderr}`;
    expect(train.code, trainOutput).toBe(0);
    expect(trainOutput).toMatch(/1 images? named in Flickr_8k.*have no file/);
    expect(trainOutput).toMatch(/train 12 images/);
    expect(trainOutput).toMatch(/completed at step 10\/10/);

    const evaluated = await runBin(tmp, [
      'eval',
      'captioning',
      '--data',
      flickr8k,
      '--format',
      'flickr8k',
      '--split',
      'test',
      '--backend',
      'wasm',
    ]);
    const evalOutput = `${evaluated.stdout}\n${evaluated.stderr}`;
    expect(evaluated.code, evalOutput).toBe(0);
    expect(evalOutput).toMatch(/greedy\s+\d\.\d{3}/);
    expect(evalOutput).toMatch(/beam 5\s+\d\.\d{3}/);
    expect(evalOutput).not.toMatch(/NaN/);

    const wrong = await runBin(tmp, ['eval', 'captioning', '--data', flickr8k, '--format', 'sst2']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--format: unknown value "sst2" for captioning runs');
  }, 300_000);
});
