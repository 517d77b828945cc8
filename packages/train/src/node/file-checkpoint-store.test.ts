import '@tensorflow/tfjs-backend-cpu';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckpointContents } from '../checkpoint/checkpoint-types.js';
import { encodeCheckpoint } from '../checkpoint/encode-checkpoint.js';
import { fileCheckpointStore, saveCheckpoint } from './file-checkpoint-store.js';
import { readCheckpointFolder } from './read-checkpoint-folder.js';
import { removeStaleCheckpointTemps } from './remove-stale-checkpoint-temps.js';

let dir: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(path.join(tmpdir(), 'recurrent-store-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const at = (step: number): CheckpointContents => ({
  config: { task: 'toy' },
  weights: { w: { dtype: 'float32', shape: [1], data: new Float32Array([step]) } },
  state: {
    step,
    epoch: 0,
    seed: 0,
    rng: [0, 0, 0, 0],
    dataPosition: { step },
    best: null,
    evalsWithoutImprovement: 0,
    lastMetrics: null,
    skippedSteps: 0,
  },
});

describe('file checkpoints', () => {
  it('replaces latest atomically and keeps the previous one as latest.prev', async () => {
    const run = path.join(dir, 'rotate');
    const store = fileCheckpointStore(run);
    for (const step of [1, 2, 3]) {
      expect(await store.save('latest', await encodeCheckpoint(at(step)))).toBe(
        path.join(run, 'latest'),
      );
    }
    expect((await readdir(run)).sort()).toEqual(['latest', 'latest.prev']);
    expect((await readCheckpointFolder(path.join(run, 'latest'))).state?.step).toBe(3);
    expect((await readCheckpointFolder(path.join(run, 'latest.prev'))).state?.step).toBe(2);
    expect(await fileCheckpointStore(path.join(dir, 'empty')).load('latest')).toBeNull();
  });

  it('falls back to latest.prev when a kill struck between the two renames', async () => {
    const run = path.join(dir, 'between');
    await saveCheckpoint(path.join(run, 'latest'), at(1));
    await saveCheckpoint(path.join(run, 'latest'), at(2));
    // The state right after "rename latest -> latest.prev", before "rename tmp -> latest".
    await rm(path.join(run, 'latest.prev'), { recursive: true });
    await rename(path.join(run, 'latest'), path.join(run, 'latest.prev'));
    await mkdir(path.join(run, `.latest.tmp-999999-abc`));
    const ck = await fileCheckpointStore(run).load('latest');
    expect(ck?.location).toBe(path.join(run, 'latest.prev'));
    expect(ck?.state?.step).toBe(2);
  });

  it('removes temporary folders of dead writers only', async () => {
    const run = path.join(dir, 'stale');
    const dead = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString();
    await mkdir(path.join(run, `.latest.tmp-${dead}-k1x2`), { recursive: true });
    await mkdir(path.join(run, `.best.trash-${dead}-k1x3`));
    await mkdir(path.join(run, `.latest.tmp-${process.pid}-k1x4`));
    await mkdir(path.join(run, 'latest'));
    expect((await removeStaleCheckpointTemps(run)).sort()).toEqual([
      `.best.trash-${dead}-k1x3`,
      `.latest.tmp-${dead}-k1x2`,
    ]);
    expect((await readdir(run)).sort()).toEqual([`.latest.tmp-${process.pid}-k1x4`, 'latest']);
  });
});
