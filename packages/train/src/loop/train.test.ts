import '@tensorflow/tfjs-backend-cpu';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OptimizerConfig } from '../optim/create-optimizer.js';
import { toyData, toyModel } from '../test-utils/toy-model.js';
import type { TrainProgress } from './progress.js';
import { train } from './train.js';

let dir: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(path.join(tmpdir(), 'recurrent-train-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('train', () => {
  it('learns the toy task, the same way twice with the same seed', async () => {
    const run = async () => {
      const model = toyModel(1);
      const events: TrainProgress[] = [];
      const result = await train({
        model,
        data: toyData(),
        steps: 40,
        seed: 3,
        optimizer: { name: 'adam', learningRate: 0.05 },
        evalEvery: 40,
        onProgress: (e) => events.push(e),
      });
      model.dispose();
      return { result, events };
    };
    const a = await run();
    const b = await run();
    expect(a.result.losses).toHaveLength(40);
    expect(a.result.losses).toEqual(b.result.losses);
    const first = a.result.losses.slice(0, 5).reduce((s, v) => s + v, 0) / 5;
    const last = a.result.losses.slice(-5).reduce((s, v) => s + v, 0) / 5;
    expect(last).toBeLessThan(first * 0.6);
    expect(a.result.lastMetrics?.accuracy).toBeGreaterThan(0.85);
    expect(a.result.reason).toBe('completed');
    const steps = a.events.filter((e) => e.kind === 'step');
    expect(steps.map((e) => e.step)).toEqual([...Array(40).keys()].map((i) => i + 1));
    const s = steps[0]!;
    expect(s.totalSteps).toBe(40);
    expect(s.learningRate).toBe(0.05);
    expect(s.itemsPerSecond).toBeGreaterThan(0);
    expect(s.tokensPerSecond).toBeCloseTo(s.itemsPerSecond * 4, 6);
    expect(a.events.at(-1)).toMatchObject({ kind: 'done', step: 40, reason: 'completed' });
  });
});
