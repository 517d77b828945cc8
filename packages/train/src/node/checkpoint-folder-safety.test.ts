// Issue 11 items 1 and 5: a checkpoint write only ever renames or deletes checkpoints this
// project wrote; the store finds latest.prev and says so; a corrupt latest is a CheckpointError.
import '@tensorflow/tfjs-backend-cpu';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CheckpointError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestFiles } from '../checkpoint/checkpoint-manifest.js';
import type { CheckpointContents } from '../checkpoint/checkpoint-types.js';
import { encodeCheckpoint } from '../checkpoint/encode-checkpoint.js';
import { train } from '../loop/train.js';
import { toyData, toyModel } from '../test-utils/toy-model.js';
import { fileCheckpointStore, saveCheckpoint } from './file-checkpoint-store.js';
import { inspectCheckpointFolder } from './inspect-checkpoint-folder.js';
import { readCheckpointFolder } from './read-checkpoint-folder.js';
import { removeStaleCheckpointTemps } from './remove-stale-checkpoint-temps.js';
import { writeCheckpointFolder } from './write-checkpoint-folder.js';

let dir: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(path.join(tmpdir(), 'recurrent-safety-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const at = (step: number): CheckpointContents => ({
  config: { task: 'toy' },
  weights: { w: { dtype: 'float32', shape: [1], data: new Float32Array([step]) } },
});

/** Every file under `root`, relative, sorted: what must survive a refused write. */
async function tree(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)) + (e.isDirectory() ? '/' : ''))
    .sort();
}

const refusal = (target: string, what: string, why: string) =>
  `${target}: refusing to touch it: it is ${what}, not a checkpoint written by @recurrent/train, and ${why}. ` +
  'Move it somewhere else (or save into another folder) and try again; nothing was changed.';
const moveWhy = (target: string) =>
  `a checkpoint save would move it to ${path.basename(target)}.prev and a later save would delete it`;
const deleteWhy =
  'a checkpoint save would delete it to keep the previous checkpoint under this name';

describe('checkpoint writes never touch what the project did not write', () => {
  it("the issue's reproduction: train() refuses before step 1 and every file stays", async () => {
    const victim = path.join(dir, 'victim');
    for (const d of ['best', 'best.prev', 'latest.prev'])
      await mkdir(path.join(victim, d), { recursive: true });
    await writeFile(path.join(victim, 'best', 'notes.txt'), 'x\n');
    const before = await tree(victim);
    const model = toyModel(1);
    const steps: number[] = [];
    const run = train({
      model,
      data: toyData(),
      steps: 20,
      evalEvery: 5,
      checkpointEvery: 5,
      checkpointDir: victim,
      bestMetric: { metric: 'valLoss', mode: 'min' },
      onProgress: (e) => e.kind === 'step' && steps.push(e.step),
    });
    // latest.prev is checked first (latest, then best): an empty folder is not ours either.
    await expect(run).rejects.toThrow(
      refusal(path.join(victim, 'latest.prev'), 'an empty folder', deleteWhy),
    );
    await expect(run).rejects.toBeInstanceOf(CheckpointError);
    model.dispose();
    expect(steps).toEqual([]);
    expect(await tree(victim)).toEqual(before);
    expect(await readFile(path.join(victim, 'best', 'notes.txt'), 'utf8')).toBe('x\n');
  });

  it('refuses a user folder, a file, a foreign config.json and extra files in a checkpoint', async () => {
    const files = await encodeCheckpoint(at(1));
    const cases: [string, (target: string) => Promise<void>, string][] = [
      [
        'user',
        async (t) => {
          await mkdir(t, { recursive: true });
          await writeFile(path.join(t, 'thesis.tex'), '%');
        },
        'a folder holding thesis.tex (no manifest.json or config.json)',
      ],
      [
        'file',
        async (t) => {
          await mkdir(path.dirname(t), { recursive: true });
          await writeFile(t, 'keep');
        },
        'a file, not a folder',
      ],
      [
        'empty',
        async (t) => {
          await mkdir(t, { recursive: true });
        },
        'an empty folder',
      ],
      [
        'hf',
        async (t) => {
          await mkdir(t, { recursive: true });
          await writeFile(path.join(t, 'config.json'), '{"model_type": "bert"}');
        },
        'a folder whose config.json was not written by @recurrent/train (producer null)',
      ],
      [
        'extra',
        async (t) => {
          await saveCheckpoint(t, at(0));
          await writeFile(path.join(t, 'notes.txt'), 'mine');
        },
        'a checkpoint folder that also holds notes.txt, which the checkpoint does not list',
      ],
    ];
    for (const [name, make, what] of cases) {
      const target = path.join(dir, 'refuse', name, 'latest');
      await make(target);
      const before = await tree(path.dirname(target));
      await expect(writeCheckpointFolder(target, files)).rejects.toThrow(
        refusal(target, what, moveWhy(target)),
      );
      expect(await tree(path.dirname(target))).toEqual(before); // no temp folder left either
    }
  });

  it('refuses to delete a foreign latest.prev, and rotates checkpoints of ours (format 1 too)', async () => {
    const run = path.join(dir, 'prev-foreign');
    await saveCheckpoint(path.join(run, 'latest'), at(1));
    await mkdir(path.join(run, 'latest.prev'));
    await writeFile(path.join(run, 'latest.prev', 'data.csv'), '1,2');
    await expect(saveCheckpoint(path.join(run, 'latest'), at(2))).rejects.toThrow(
      refusal(
        path.join(run, 'latest.prev'),
        'a folder holding data.csv (no manifest.json or config.json)',
        deleteWhy,
      ),
    );
    expect(await readFile(path.join(run, 'latest.prev', 'data.csv'), 'utf8')).toBe('1,2');

    // A format-1 folder (config.json lists the other files; as apps/demo ships) is ours.
    const v1 = path.join(dir, 'v1', 'model');
    const files = await encodeCheckpoint(at(1));
    const weights = files.get('weights.safetensors')!;
    const config = {
      formatVersion: 1,
      producer: '@recurrent/train',
      task: 'toy',
      optimizer: null,
      files: await digestFiles([['weights.safetensors', weights]]),
    };
    await mkdir(v1, { recursive: true });
    await writeFile(path.join(v1, 'weights.safetensors'), weights);
    await writeFile(path.join(v1, 'config.json'), JSON.stringify(config));
    expect(await inspectCheckpointFolder(v1)).toEqual({
      kind: 'checkpoint',
      formatVersion: 1,
      files: ['config.json', 'weights.safetensors'],
    });
    await saveCheckpoint(v1, at(2));
    expect((await readCheckpointFolder(`${v1}.prev`)).formatVersion).toBe(1);
    expect((await readCheckpointFolder(v1)).formatVersion).toBe(2);
    await saveCheckpoint(v1, at(3)); // deletes the format-1 copy: it was ours
    expect((await readCheckpointFolder(`${v1}.prev`)).weights.get('w')?.data).toEqual(
      new Float32Array([2]),
    );
  });

  it("leaves a dead writer's temporary folder alone when it holds a file a checkpoint never has", async () => {
    const run = path.join(dir, 'stale-foreign');
    const dead = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString();
    const odd = path.join(run, `.latest.tmp-${dead}-abc1`);
    await mkdir(odd, { recursive: true });
    await writeFile(path.join(odd, 'notes.txt'), 'mine');
    await mkdir(path.join(run, `.latest.tmp-${dead}-abc2`));
    await writeFile(path.join(run, `.latest.tmp-${dead}-abc2`, 'weights.safetensors'), 'partial');
    expect(await removeStaleCheckpointTemps(run)).toEqual([`.latest.tmp-${dead}-abc2`]);
    expect(await readFile(path.join(odd, 'notes.txt'), 'utf8')).toBe('mine');
  });
});

describe('fileCheckpointStore.load', () => {
  it('uses latest.prev when only it is left, and says so in fallbackFrom', async () => {
    const run = path.join(dir, 'only-prev');
    const store = fileCheckpointStore(run);
    await store.save('latest', await encodeCheckpoint(at(1)));
    await store.save('latest', await encodeCheckpoint(at(2)));
    expect((await store.load('latest'))?.fallbackFrom).toBe(null);
    await rm(path.join(run, 'latest.prev'), { recursive: true });
    await rename(path.join(run, 'latest'), path.join(run, 'latest.prev'));
    const ck = await store.load('latest');
    expect(ck).toMatchObject({
      location: path.join(run, 'latest.prev'),
      fallbackFrom: path.join(run, 'latest'),
      verified: true,
    });
    expect(ck?.weights.get('w')?.data).toEqual(new Float32Array([2]));
  });

  it('a corrupt latest/config.json is a CheckpointError naming it, never a SyntaxError', async () => {
    const run = path.join(dir, 'corrupt');
    const store = fileCheckpointStore(run);
    await store.save('latest', await encodeCheckpoint(at(1)));
    const config = path.join(run, 'latest', 'config.json');
    await writeFile(config, '{"formatVersion": 2, "task": ');
    const err = await store.load('latest').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CheckpointError);
    expect((err as Error).message).toMatch(
      new RegExp(
        `^${config.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: sha256 mismatch: manifest.json expects`,
      ),
    );
    await rm(path.join(run, 'latest', 'manifest.json')); // and without a manifest to catch it
    const bare = await store.load('latest').catch((e: unknown) => e);
    expect(bare).toBeInstanceOf(CheckpointError);
    expect((bare as Error).message).toMatch(
      new RegExp(`^${config.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid UTF-8 JSON \\(`),
    );
  });
});
