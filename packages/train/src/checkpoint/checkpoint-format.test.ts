// Format 2 (manifest.json covers every file, config.json included) and reading format 1.
import '@tensorflow/tfjs-backend-cpu';
import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CheckpointError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveCheckpoint } from '../node/file-checkpoint-store.js';
import { writeCheckpointFolder } from '../node/write-checkpoint-folder.js';
import { digestFiles } from './checkpoint-manifest.js';
import type { CheckpointContents, CheckpointFiles } from './checkpoint-types.js';
import { decodeCheckpoint } from './decode-checkpoint.js';
import { encodeCheckpoint } from './encode-checkpoint.js';
import { loadCheckpoint } from './load-checkpoint.js';

let dir: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(path.join(tmpdir(), 'recurrent-format-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const contents = (): CheckpointContents => ({
  config: { task: 'toy', vocabulary: { tokens: ['<pad>', 'a', 'b', 'c'] } },
  weights: { w: { dtype: 'float32', shape: [2], data: new Float32Array([1, 2]) } },
});

/** The same checkpoint as format 1 wrote it: no manifest, checksums in config.json. */
async function asFormat1(files: CheckpointFiles): Promise<CheckpointFiles> {
  const others = [...files].filter(([n]) => n !== 'config.json' && n !== 'manifest.json');
  const config = JSON.parse(new TextDecoder().decode(files.get('config.json')));
  const v1 = { ...config, formatVersion: 1, files: await digestFiles(others) };
  return new Map([...others, ['config.json', new TextEncoder().encode(JSON.stringify(v1))]]);
}

const read = (files: CheckpointFiles) => async (f: string) => files.get(f) ?? null;

describe('checkpoint format 2', () => {
  it('loads verified, with the carried model state when one was saved', async () => {
    const files = await encodeCheckpoint({
      ...contents(),
      modelState: { 'carry/0': tf.tensor2d([[0.5, -0.25]]) },
    });
    expect([...files.keys()]).toContain('model-state.safetensors');
    const ck = await decodeCheckpoint(read(files), 'mem');
    expect(ck).toMatchObject({ formatVersion: 2, verified: true, note: null, fallbackFrom: null });
    expect(ck.config).toEqual(contents().config);
    expect(ck.modelState?.get('carry/0')).toEqual({
      dtype: 'float32',
      shape: [1, 2],
      data: new Float32Array([0.5, -0.25]),
    });
    expect((await decodeCheckpoint(read(await encodeCheckpoint(contents())), 'm')).modelState).toBe(
      null,
    );
  });

  it('two characters swapped in config.json vocabulary: a CheckpointError naming config.json', async () => {
    const ck = await saveCheckpoint(path.join(dir, 'swap', 'latest'), contents());
    const file = path.join(ck, 'config.json');
    const text = await readFile(file, 'utf8');
    const swapped = text.replace('"a"', '"#"').replace('"b"', '"a"').replace('"#"', '"b"');
    expect(swapped).not.toBe(text);
    expect(swapped.length).toBe(text.length); // same size: only a checksum can tell
    await writeFile(file, swapped);
    const err = await loadCheckpoint(ck).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CheckpointError);
    expect((err as Error).message).toMatch(
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: sha256 mismatch: manifest.json expects [0-9a-f]{64} \\(\\d+ bytes\\), the file has [0-9a-f]{64} \\(\\d+ bytes\\)\\. The file is truncated or was edited`,
      ),
    );
  });

  it('a missing manifest, a broken one, or one pointing outside the folder: clear errors', async () => {
    const files = await encodeCheckpoint(contents());
    const without = new Map(files);
    without.delete('manifest.json');
    await expect(decodeCheckpoint(read(without), 'ck')).rejects.toThrow(
      'ck/manifest.json: missing, but config.json says format 2, whose checksums live there. The checkpoint is incomplete',
    );
    const broken = new Map(files).set('manifest.json', new TextEncoder().encode('{"formatVer'));
    const err = await decodeCheckpoint(read(broken), 'ck').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CheckpointError);
    expect((err as Error).message).toMatch(/^ck\/manifest\.json: not valid UTF-8 JSON \(/);
    const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json')));
    manifest.files['../secret.txt'] = { sha256: '00', bytes: 1 };
    const outside = new Map(files).set(
      'manifest.json',
      new TextEncoder().encode(JSON.stringify(manifest)),
    );
    await expect(decodeCheckpoint(read(outside), 'ck')).rejects.toThrow(
      'ck/manifest.json: lists "../secret.txt", which is not a plain file name inside the checkpoint folder.',
    );
    const deleted = new Map(files);
    deleted.delete('config.json');
    await expect(decodeCheckpoint(read(deleted), 'ck')).rejects.toThrow(
      'ck/config.json: missing, but manifest.json lists it.',
    );
  });
});

describe('checkpoint format 1 (still read)', () => {
  it('loads unverified, with a note an app can print', async () => {
    const v1 = await asFormat1(await encodeCheckpoint(contents()));
    const ck = await decodeCheckpoint(read(v1), 'models/toy');
    expect(ck).toMatchObject({ formatVersion: 1, verified: false, modelState: null });
    expect(ck.config).toEqual(contents().config);
    expect(ck.note).toBe(
      'models/toy: a format-1 checkpoint: its weights were checked, but config.json (task, hyper-parameters, vocabulary) has no checksum, so an edit there would go unnoticed. ' +
        'Save it again with this version (format 2, whose manifest.json covers every file) to verify it in full.',
    );
  });

  it('still checks the files its config.json lists, and a broken config.json is a CheckpointError', async () => {
    const run = path.join(dir, 'v1');
    const ck = await writeCheckpointFolder(
      path.join(run, 'latest'),
      await asFormat1(await encodeCheckpoint(contents())),
    );
    const weights = path.join(ck, 'weights.safetensors');
    const bytes = await readFile(weights);
    await writeFile(weights, bytes.subarray(1));
    await expect(loadCheckpoint(ck)).rejects.toThrow(
      `${weights}: sha256 mismatch: config.json expects`,
    );
    await writeFile(weights, bytes);
    expect((await loadCheckpoint(ck)).verified).toBe(false);
    await writeFile(path.join(ck, 'config.json'), '{"formatVersion": 1, "files": {');
    const err = await loadCheckpoint(ck).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CheckpointError);
    expect((err as Error).message).toMatch(
      new RegExp(`^${path.join(ck, 'config.json')}: not valid UTF-8 JSON \\(`),
    );
    await unlink(path.join(ck, 'config.json'));
    await expect(loadCheckpoint(ck)).rejects.toThrow(
      `${ck}: no config.json, so this is not a checkpoint folder`,
    );
  });
});
