import '@tensorflow/tfjs-backend-cpu';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CheckpointError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveCheckpoint } from '../node/file-checkpoint-store.js';
import { applyWeights } from './apply-weights.js';
import type { CheckpointContents, TrainState } from './checkpoint-types.js';
import { decodeCheckpoint } from './decode-checkpoint.js';
import { encodeCheckpoint } from './encode-checkpoint.js';
import { fetchCheckpoint } from './fetch-checkpoint.js';
import { loadCheckpoint } from './load-checkpoint.js';
import { decodeSafetensors } from './safetensors.js';
import { sha256Hex } from './sha256.js';

let dir: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(path.join(tmpdir(), 'recurrent-ckpt-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const state: TrainState = {
  step: 7,
  epoch: 0,
  seed: 1,
  rng: [1, 2, 3, 4],
  dataPosition: { step: 7 },
  best: null,
  evalsWithoutImprovement: 0,
  lastMetrics: null,
  skippedSteps: 0,
};

function contents(): CheckpointContents {
  return {
    config: { task: 'toy', hyperParameters: { units: 2 }, vocabulary: ['a', 'b'] },
    weights: {
      'lstm_0/kernel': tf.tensor2d([
        [1, 2],
        [3, 4],
      ]),
      'lstm_0/bias': { dtype: 'float32', shape: [2], data: new Float32Array([0.5, -0.5]) },
    },
    optimizer: {
      config: { name: 'adam', learningRate: 0.001 },
      slots: {
        iterations: 7,
        slots: [
          {
            name: 'lstm_0/bias/m',
            dtype: 'float32',
            shape: [2],
            data: new Float32Array([0.1, 0.2]),
          },
        ],
      },
    },
    state,
  };
}

describe('checkpoint encode / decode', () => {
  it('writes config.json with the format fields, the caller config and every file checksum', async () => {
    const files = await encodeCheckpoint(contents());
    expect([...files.keys()]).toEqual([
      'weights.safetensors',
      'optimizer.safetensors',
      'state.json',
      'config.json',
      'manifest.json',
    ]);
    const config = JSON.parse(new TextDecoder().decode(files.get('config.json')));
    expect(config).toMatchObject({
      formatVersion: 2,
      producer: '@recurrent/train',
      task: 'toy',
      hyperParameters: { units: 2 },
      vocabulary: ['a', 'b'],
      optimizer: { name: 'adam', learningRate: 0.001 },
    });
    expect(config.files).toBeUndefined(); // format 2: checksums live in manifest.json
    const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json')));
    expect(manifest).toMatchObject({ formatVersion: 2, producer: '@recurrent/train' });
    const listed = ['weights.safetensors', 'optimizer.safetensors', 'state.json', 'config.json'];
    expect(Object.keys(manifest.files)).toEqual(listed);
    for (const name of listed) {
      const bytes = files.get(name)!;
      expect(manifest.files[name]).toEqual({ sha256: await sha256Hex(bytes), bytes: bytes.length });
    }
    const weights = decodeSafetensors(files.get('weights.safetensors')!);
    expect(weights.metadata).toEqual({ producer: '@recurrent/train', formatVersion: '2' });
    expect([...weights.tensors.keys()]).toEqual(['lstm_0/kernel', 'lstm_0/bias']);
  });

  it('round-trips through decodeCheckpoint', async () => {
    const files = await encodeCheckpoint(contents());
    const ck = await decodeCheckpoint(async (f) => files.get(f) ?? null, 'mem');
    expect(ck.config).toEqual({
      task: 'toy',
      hyperParameters: { units: 2 },
      vocabulary: ['a', 'b'],
    });
    expect(ck.state).toEqual(state);
    expect(ck.weights.get('lstm_0/kernel')).toEqual({
      dtype: 'float32',
      shape: [2, 2],
      data: new Float32Array([1, 2, 3, 4]),
    });
    expect(ck.optimizer?.slots.iterations).toBe(7);
    expect(ck.optimizer?.slots.slots).toEqual(contents().optimizer!.slots.slots);
  });

  it('sha256Hex matches the FIPS 180-2 test vector', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('refuses reserved config keys', async () => {
    await expect(encodeCheckpoint({ ...contents(), config: { files: 1 } })).rejects.toThrow(
      'encodeCheckpoint: config.files is reserved for the checkpoint format',
    );
  });
});

describe('checkpoint: bad input', () => {
  async function saved(name: string): Promise<string> {
    return saveCheckpoint(path.join(dir, name, 'latest'), contents());
  }

  it('a truncated weight file: checksum mismatch naming the path', async () => {
    const ck = await saved('truncated');
    const file = path.join(ck, 'weights.safetensors');
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, bytes.length - 3));
    const err = await loadCheckpoint(ck).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CheckpointError);
    expect((err as Error).message).toMatch(
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: sha256 mismatch: manifest.json expects [0-9a-f]{64} \\(${bytes.length} bytes\\), the file has [0-9a-f]{64} \\(${bytes.length - 3} bytes\\)\\. The file is truncated or was edited`,
      ),
    );
  });

  it('an edited byte: checksum mismatch', async () => {
    const ck = await saved('edited');
    const file = path.join(ck, 'optimizer.safetensors');
    const bytes = await readFile(file);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 1;
    await writeFile(file, bytes);
    await expect(loadCheckpoint(ck)).rejects.toThrow(`${file}: sha256 mismatch`);
  });

  it('a newer format version: a clear error', async () => {
    const ck = await saved('newer');
    const file = path.join(ck, 'manifest.json');
    const manifest = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...manifest, formatVersion: 3 }));
    await expect(loadCheckpoint(ck)).rejects.toThrow(
      `${file}: checkpoint format 3 was written by a newer @recurrent/train; this version reads formats up to 2. Upgrade @recurrent/train to load it.`,
    );
  });

  it('a folder without config.json', async () => {
    await expect(loadCheckpoint(dir)).rejects.toThrow(
      `${dir}: no config.json, so this is not a checkpoint folder`,
    );
  });

  it('weights that do not fit the model: names the weight, expected and got, and changes nothing', async () => {
    const ck = await loadCheckpoint(await saved('shapes'));
    const kernel = tf.variable(tf.zeros([2, 3]));
    const bias = tf.variable(tf.zeros([2]));
    const vars = [
      { name: 'lstm_0/kernel', variable: kernel },
      { name: 'lstm_0/bias', variable: bias },
    ];
    expect(() => applyWeights(vars, ck.weights, ck.location)).toThrow(
      `${ck.location}: weight "lstm_0/kernel": expected shape [2, 3] (from the model), got [2, 2] (in the checkpoint).`,
    );
    expect(Array.from(bias.dataSync())).toEqual([0, 0]);
    expect(() => applyWeights([vars[1]!], ck.weights, 'x')).toThrow(
      'x: the checkpoint has weights the model does not: lstm_0/kernel.',
    );
    expect(() => applyWeights([{ name: 'gru_0/bias', variable: bias }], ck.weights, 'x')).toThrow(
      'x: weight "gru_0/bias" is missing; the checkpoint has lstm_0/kernel, lstm_0/bias.',
    );
    const good = tf.variable(tf.zeros([2, 2]));
    applyWeights([{ name: 'lstm_0/kernel', variable: good }, vars[1]!], ck.weights);
    expect(Array.from(good.dataSync())).toEqual([1, 2, 3, 4]);
    tf.dispose([kernel, bias, good]);
  });
});

describe('loadCheckpoint sources', () => {
  it('reads a folder by path and by file: URL', async () => {
    const ck = await saveCheckpoint(path.join(dir, 'paths', 'latest'), contents());
    expect((await loadCheckpoint(ck)).state?.step).toBe(7);
    expect((await loadCheckpoint(pathToFileURL(ck))).state?.step).toBe(7);
  });

  it('fetches a folder over HTTP and verifies it', async () => {
    const ck = await saveCheckpoint(path.join(dir, 'served', 'latest'), contents());
    const server = createServer(async (req, res) => {
      try {
        const file = path.join(ck, path.basename(req.url ?? ''));
        res.end(await readFile(file));
      } catch {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/models/toy`;
    try {
      const loaded = await loadCheckpoint(base);
      expect(loaded.location).toBe(`${base}`);
      expect(loaded.config.task).toBe('toy');
      expect((await fetchCheckpoint(`${base}/`)).state).toEqual(state);
      await writeFile(path.join(ck, 'state.json'), '{}');
      await expect(fetchCheckpoint(base)).rejects.toThrow(`${base}/state.json: sha256 mismatch`);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
