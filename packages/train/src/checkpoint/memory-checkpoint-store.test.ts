import { CheckpointError } from '@recurrent/errors';
import { describe, expect, it } from 'vitest';
import type { TrainState } from './checkpoint-types.js';
import { encodeCheckpoint } from './encode-checkpoint.js';
import { memoryCheckpointStore } from './memory-checkpoint-store.js';

const state = (step: number): TrainState => ({
  step,
  epoch: 0,
  seed: 1,
  rng: [1, 2, 3, 4],
  dataPosition: { step },
  best: null,
  evalsWithoutImprovement: 0,
  lastMetrics: null,
  skippedSteps: 0,
});

const files = (step: number) =>
  encodeCheckpoint({
    config: { task: 'toy' },
    weights: { w: { dtype: 'float32', shape: [2], data: new Float32Array([step, -step]) } },
    state: state(step),
  });

describe('memoryCheckpointStore', () => {
  it('loads what it saved, verified, and null for a name never saved', async () => {
    const store = memoryCheckpointStore('toy');
    expect(await store.load('latest')).toBeNull();
    expect(await store.save('latest', await files(3))).toBe('memory://toy/latest');
    const ck = await store.load('latest');
    expect(ck?.location).toBe('memory://toy/latest');
    expect(ck?.state?.step).toBe(3);
    expect(ck?.weights.get('w')?.data).toEqual(new Float32Array([3, -3]));
  });

  it('replaces a slot whole, keeps slots and stores apart, and copies the files map', async () => {
    const store = memoryCheckpointStore('toy');
    await store.save('latest', await files(1));
    const best = await files(2);
    await store.save('best', best);
    best.delete('weights.safetensors'); // the caller's map is not the stored one
    await store.save('latest', await files(5));
    expect((await store.load('latest'))?.state?.step).toBe(5);
    expect((await store.load('best'))?.state?.step).toBe(2);
    expect(await memoryCheckpointStore('toy').load('latest')).toBeNull();
  });

  it('verifies checksums on load: corrupted bytes are a CheckpointError', async () => {
    const store = memoryCheckpointStore('toy');
    const saved = await files(1);
    await store.save('latest', saved);
    const stored = Uint8Array.from(saved.get('weights.safetensors')!);
    stored[stored.length - 1]! ^= 0xff;
    const corrupt = new Map(saved).set('weights.safetensors', stored);
    await store.save('latest', corrupt);
    await expect(store.load('latest')).rejects.toThrow(CheckpointError);
    await expect(store.load('latest')).rejects.toThrow(/sha256|checksum/i);
  });
});
