/**
 * `runVanishingSweep`'s `flowEvery`: the gradient flow during training (the demo's heat map
 * reads these events). Tiny seeded sweeps on wasm, seconds.
 */
import { selectBackend } from '@recurrent/backends';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GradientFlow } from './gradient-flow.js';
import { labModels, runVanishingSweep, type VanishingProgress } from './run-vanishing-sweep.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const tiny = { ks: [3], steps: 6, evalSize: 8, batch: 4, units: 4, flowBatch: 4 } as const;
const flows = (events: VanishingProgress[]) =>
  events.filter((e): e is Extract<VanishingProgress, { kind: 'flow' }> => e.kind === 'flow');

describe('runVanishingSweep flowEvery', () => {
  it('reports the flow at step 0 and every N steps; the first is flowInit, the last flowTrained', async () => {
    const events: VanishingProgress[] = [];
    const sweep = await runVanishingSweep({
      ...tiny,
      models: labModels.filter((m) => m.name === 'gru' || m.name === 'lstm-f1'),
      flowEvery: 3,
      onProgress: (e) => events.push(e),
    });
    const seen = flows(events);
    expect(seen.map((e) => `${e.model}@${e.step}`)).toEqual([
      'gru@0',
      'gru@3',
      'gru@6',
      'lstm-f1@0',
      'lstm-f1@3',
      'lstm-f1@6',
    ]);
    for (const row of sweep.rows) {
      const mine = seen.filter((e) => e.model === row.model);
      expect(mine[0]!.flow).toEqual(row.flowInit);
      expect(mine.at(-1)!.flow).toEqual(row.flowTrained); // 6 steps: the last flow is after training
      expect(mine[0]!.flow.h).toHaveLength(row.length);
      expect(mine[1]!.flow.h).not.toEqual(mine[0]!.flow.h); // training moved the weights
    }
    expect(seen.filter((e) => e.model === 'lstm-f1').every((e) => e.flow.c !== undefined)).toBe(
      true,
    );
  });

  it('changes no other number: the rows equal a sweep without flowEvery', async () => {
    const models = labModels.slice(0, 1);
    const strip = (rows: { accuracy: number; flowTrained: GradientFlow; finalLoss: number }[]) =>
      rows.map((r) => [r.accuracy, r.finalLoss, r.flowTrained.h]);
    const plain = await runVanishingSweep({ ...tiny, models });
    const watched = await runVanishingSweep({ ...tiny, models, flowEvery: 2 });
    expect(strip(watched.rows)).toEqual(strip(plain.rows));
  });

  it('sends no flow events when off (the default)', async () => {
    const events: VanishingProgress[] = [];
    await runVanishingSweep({
      ...tiny,
      models: labModels.slice(0, 1),
      onProgress: (e) => events.push(e),
    });
    expect(flows(events)).toEqual([]);
  });

  it('rejects a flowEvery that is not a whole number >= 0', async () => {
    await expect(runVanishingSweep({ ...tiny, flowEvery: 2.5 })).rejects.toThrow(
      'runVanishingSweep: expected flowEvery to be an integer >= 0 (0: off), got 2.5.',
    );
  });

  it('keeps numTensors flat with flowEvery on', async () => {
    const sweep = () => runVanishingSweep({ ...tiny, models: labModels, flowEvery: 2 });
    await sweep(); // warm-up: kernels and the engine's own tensors
    const before = tf.memory().numTensors;
    const result = await sweep();
    expect(result.rows).toHaveLength(labModels.length);
    expect(tf.memory().numTensors).toBe(before);
  });
});
