/**
 * The worker's vanishing lab in Node (wasm backend, tiny budgets): the params it refuses and
 * why, one run's events and rows, one run at a time, Stop, and no tensors left behind.
 */
import { selectBackend } from '@recurrent/backends';
import type { VanishingProgress } from '@recurrent/lab';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VanishingLabParams } from './protocol.js';
import { runVanishingLab, stopVanishingLab } from './vanishing-lab.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const tiny: VanishingLabParams = { models: ['rnn'], ks: [2], steps: 4, flowEvery: 2, seed: 0 };

describe('runVanishingLab', () => {
  it('runs every (model, k): flow rows at steps 0, 2, 4, one row each, no tensors left', async () => {
    const params = { ...tiny, models: ['rnn', 'lstm-chrono'] };
    await runVanishingLab(params, () => {}); // warm-up: kernels and the engine's own tensors
    const before = tf.memory().numTensors;
    const events: VanishingProgress[] = [];
    const result = await runVanishingLab(params, (e) => events.push(e));
    expect(tf.memory().numTensors).toBe(before);
    expect(result.aborted).toBe(false);
    expect(result.rows.map((r) => `${r.model}@${r.k}`)).toEqual(['rnn@2', 'lstm-chrono@2']);
    const flows = events.flatMap((e) => (e.kind === 'flow' ? [`${e.model}@${e.step}`] : []));
    expect(flows).toEqual([
      'rnn@0',
      'rnn@2',
      'rnn@4',
      'lstm-chrono@0',
      'lstm-chrono@2',
      'lstm-chrono@4',
    ]);
    expect(events.filter((e) => e.kind === 'row')).toHaveLength(2);
  });

  it('refuses a second run while one goes, and Stop ends the first after its current step', async () => {
    let started!: () => void;
    const stepped = new Promise<void>((resolve) => {
      started = resolve;
    });
    const first = runVanishingLab({ ...tiny, steps: 2000 }, (e) => e.kind === 'step' && started());
    await stepped;
    await expect(runVanishingLab(tiny, () => {})).rejects.toThrow(
      'vanishing lab: a run is going. Stop it first (or wait for it to end).',
    );
    expect(stopVanishingLab()).toBe(true);
    const result = await first;
    expect(result.aborted).toBe(true);
    expect(result.rows).toEqual([]);
    expect(stopVanishingLab()).toBe(false);
  });

  it('says what it expected for unknown models, bad ks, steps and flowEvery, and too many runs', async () => {
    const bad = (p: Partial<VanishingLabParams>) => runVanishingLab({ ...tiny, ...p }, () => {});
    await expect(bad({ models: ['transformer'] })).rejects.toThrow(
      'vanishing lab: Unknown model "transformer". Available: rnn, gru, lstm-f0, lstm-f1, lstm-chrono.',
    );
    await expect(bad({ ks: [0, 5] })).rejects.toThrow(
      'vanishing lab: expected ks to be whole numbers 1 to 200, got [0, 5]. Pick k from the list.',
    );
    await expect(bad({ ks: [] })).rejects.toThrow(/expected ks to be whole numbers/);
    await expect(bad({ steps: 0 })).rejects.toThrow(
      'vanishing lab: expected steps to be 1 to 5000, got 0.',
    );
    await expect(bad({ flowEvery: 0 })).rejects.toThrow(
      'vanishing lab: expected flowEvery to be a whole number >= 1, got 0.',
    );
    await expect(
      bad({
        models: ['rnn', 'gru', 'lstm-f0', 'lstm-f1', 'lstm-chrono'],
        ks: Array.from({ length: 9 }, (_, i) => i + 1),
      }),
    ).rejects.toThrow(
      'vanishing lab: expected 1 to 40 (model, k) pairs, got 45 (5 models x 9 ks). Run fewer at once.',
    );
  });
});
