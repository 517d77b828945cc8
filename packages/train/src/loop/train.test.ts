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

describe('train: resume', () => {
  const optimizers: OptimizerConfig[] = [
    { name: 'adam', learningRate: 0.05 },
    { name: 'rmsprop', learningRate: 0.01, momentum: 0.5 },
    { name: 'sgd', learningRate: 0.1, momentum: 0.9 },
    { name: 'sgd', learningRate: 0.1 },
  ];
  for (const optimizer of optimizers) {
    it(`continues exactly: 10 steps = 5 + resume 5 (${optimizer.name}${'momentum' in optimizer ? ' + momentum' : ''})`, async () => {
      const common = {
        data: toyData(),
        seed: 11,
        optimizer,
        schedule: { name: 'warmup-cosine', warmupSteps: 3 } as const,
      };
      const whole = toyModel(1);
      const reference = await train({ ...common, model: whole, steps: 10 });
      const runDir = path.join(dir, `resume-${optimizer.name}-${'momentum' in optimizer}`);
      const first = toyModel(1);
      const a = await train({
        ...common,
        model: first,
        steps: 10,
        checkpointDir: runDir,
        signal: AbortSignal.abort(),
        resume: false,
      });
      expect(a.step).toBe(0);
      first.dispose();
      // Stop after 5 of 10 steps (same schedule length), then resume in a fresh model and optimizer.
      const controller = new AbortController();
      const m1 = toyModel(1);
      const part1 = await train({
        ...common,
        model: m1,
        steps: 10,
        checkpointDir: runDir,
        signal: controller.signal,
        onProgress: (e) => e.kind === 'step' && e.step === 5 && controller.abort(),
      });
      expect(part1).toMatchObject({ step: 5, reason: 'aborted' });
      m1.dispose();
      const m2 = toyModel(2); // other initial weights: the checkpoint must replace them
      const events: TrainProgress[] = [];
      const part2 = await train({
        ...common,
        model: m2,
        steps: 10,
        checkpointDir: runDir,
        resume: true,
        onProgress: (e) => events.push(e),
      });
      expect(events[0]).toEqual({ kind: 'resumed', step: 5, path: path.join(runDir, 'latest') });
      expect([...part1.losses, ...part2.losses]).toEqual(reference.losses);
      const w2 = await Promise.all(m2.variables.map((v) => v.variable.data()));
      const w1 = await Promise.all(whole.variables.map((v) => v.variable.data()));
      expect(w2).toEqual(w1);
      whole.dispose();
      m2.dispose();
    });
  }
});

describe('train: stopping', () => {
  it('stops cleanly on abort and writes a final checkpoint', async () => {
    const runDir = path.join(dir, 'abort');
    const controller = new AbortController();
    const model = toyModel(1);
    const events: TrainProgress[] = [];
    const result = await train({
      model,
      data: toyData(),
      steps: 50,
      checkpointDir: runDir,
      signal: controller.signal,
      onProgress: (e) => {
        events.push(e);
        if (e.kind === 'step' && e.step === 3) controller.abort();
      },
    });
    model.dispose();
    expect(result).toMatchObject({
      step: 3,
      reason: 'aborted',
      checkpoint: path.join(runDir, 'latest'),
    });
    expect(events.filter((e) => e.kind === 'step')).toHaveLength(3);
    expect(events.slice(-2).map((e) => e.kind)).toEqual(['checkpoint', 'done']);
    const { readCheckpointFolder } = await import('../node/read-checkpoint-folder.js');
    expect((await readCheckpointFolder(path.join(runDir, 'latest'))).state?.step).toBe(3);
  });

  it('stops early when the watched metric stops improving, keeping the best checkpoint', async () => {
    const runDir = path.join(dir, 'early');
    const scripted = [1.0, 0.8, 0.9, 0.85, 0.7];
    const model = toyModel(1);
    let evals = 0;
    model.evaluate = async () => ({ valLoss: scripted[evals++] as number });
    const events: TrainProgress[] = [];
    const result = await train({
      model,
      data: toyData(),
      steps: 100,
      evalEvery: 2,
      checkpointDir: runDir,
      earlyStopping: { metric: 'valLoss', mode: 'min', patience: 2 },
      onProgress: (e) => events.push(e),
    });
    model.dispose();
    expect(result).toMatchObject({
      step: 8,
      reason: 'early-stopped',
      best: { metric: 'valLoss', mode: 'min', value: 0.8, step: 4 },
    });
    expect(
      events.filter((e) => e.kind === 'eval').map((e) => e.kind === 'eval' && e.improved),
    ).toEqual([true, true, false, false]);
    expect(
      events
        .filter((e) => e.kind === 'checkpoint')
        .map((e) => e.kind === 'checkpoint' && [e.step, e.best]),
    ).toEqual([
      [2, true],
      [4, true],
      [8, false],
    ]);
    const { readCheckpointFolder } = await import('../node/read-checkpoint-folder.js');
    expect((await readCheckpointFolder(path.join(runDir, 'best'))).state?.step).toBe(4);
  });

  it('stops on a NaN loss naming the step and the last good checkpoint, which stays intact', async () => {
    const runDir = path.join(dir, 'nan');
    const model = toyModel(1);
    const run = train({
      model,
      data: toyData({ poison: [4] }),
      steps: 20,
      checkpointDir: runDir,
      checkpointEvery: 2,
    });
    await expect(run).rejects.toThrow(
      `train: the loss at step 5 (batch 4) is NaN with gradient norm NaN; stopped without applying it. The last good checkpoint is ${path.join(runDir, 'latest')}.`,
    );
    await expect(run).rejects.toMatchObject({ name: 'NonFiniteLossError', step: 5 });
    const weights = await Promise.all(model.variables.map((v) => v.variable.data()));
    expect(weights.every((w) => Array.from(w).every(Number.isFinite))).toBe(true);
    model.dispose();
    const { readCheckpointFolder } = await import('../node/read-checkpoint-folder.js');
    const latest = await readCheckpointFolder(path.join(runDir, 'latest'));
    expect(latest.state?.step).toBe(4);
    expect(
      [...latest.weights.values()].every((r) => Array.from(r.data).every(Number.isFinite)),
    ).toBe(true);
  });

  it("skips non-finite batches with onNonFinite: 'skip'", async () => {
    const model = toyModel(1);
    const warnings: TrainProgress[] = [];
    const result = await train({
      model,
      data: toyData({ poison: [1, 2] }),
      steps: 6,
      onNonFinite: 'skip',
      onProgress: (e) => e.kind === 'warning' && warnings.push(e),
    });
    expect(result.skippedSteps).toBe(2);
    expect(result.losses.map(Number.isNaN)).toEqual([false, true, true, false, false, false]);
    expect(warnings).toEqual([
      {
        kind: 'warning',
        step: 1,
        code: 'non-finite-skipped',
        message: 'skipped step 2: loss NaN, gradient norm NaN',
      },
      {
        kind: 'warning',
        step: 2,
        code: 'non-finite-skipped',
        message: 'skipped step 3: loss NaN, gradient norm NaN',
      },
    ]);
    const weights = await Promise.all(model.variables.map((v) => v.variable.data()));
    expect(weights.every((w) => Array.from(w).every(Number.isFinite))).toBe(true);
    model.dispose();
  });
});

describe('train: schedule, clipping, data shapes', () => {
  it('reports the scheduled learning rate and the pre-clip norm, and clips to clipNorm', async () => {
    const model = toyModel(1);
    const before = await Promise.all(model.variables.map((v) => v.variable.data()));
    const events: TrainProgress[] = [];
    await train({
      model,
      data: toyData(),
      steps: 1,
      seed: 5,
      optimizer: { name: 'sgd', learningRate: 0.1 },
      clipNorm: 0.01,
      onProgress: (e) => events.push(e),
    });
    const after = await Promise.all(model.variables.map((v) => v.variable.data()));
    // SGD moves the weights by lr * clipped gradient: a step of length 0.1 * 0.01.
    let squared = 0;
    before.forEach((b, i) => {
      b.forEach((v, k) => {
        squared += (after[i]![k]! - v) ** 2;
      });
    });
    expect(Math.sqrt(squared)).toBeCloseTo(0.001, 6);
    const step = events.find((e) => e.kind === 'step');
    expect(step).toMatchObject({ kind: 'step', clipped: true, learningRate: 0.1 });
    expect(step?.kind === 'step' && step.gradNorm).toBeGreaterThan(0.01);
    model.dispose();
  });

  it('follows warmup + cosine step by step', async () => {
    const model = toyModel(1);
    const rates: number[] = [];
    await train({
      model,
      data: toyData(),
      steps: 10,
      optimizer: { name: 'adam', learningRate: 1 },
      schedule: { name: 'warmup-cosine', warmupSteps: 4 },
      onProgress: (e) => e.kind === 'step' && rates.push(e.learningRate),
    });
    model.dispose();
    // Warmup 1/4 .. 4/4, then 0.5 (1 + cos(pi k / 5)) for k = 0..5.
    const cosine = [0, 1, 2, 3, 4, 5].map((k) => 0.5 * (1 + Math.cos((Math.PI * k) / 5)));
    expect(rates.slice(0, 4)).toEqual([0.25, 0.5, 0.75, 1]);
    rates.slice(4).forEach((r, k) => {
      expect(r).toBeCloseTo(cosine[k]!, 12);
    });
  });

  it('runs epochs, resets state at each epoch start, and accepts an iterator source', async () => {
    const data = toyData();
    const m1 = toyModel(1);
    const epochs: number[] = [];
    const a = await train({
      model: m1,
      data,
      epochs: 2,
      onProgress: (e) => e.kind === 'step' && epochs.push(e.epoch),
    });
    expect(a.step).toBe(16);
    expect(m1.resets).toBe(2);
    expect(epochs).toEqual([...Array(16).keys()].map((i) => Math.floor(i / 8)));
    m1.dispose();
    const m2 = toyModel(1);
    const b = await train({
      model: m2,
      data: {
        stepsPerEpoch: 8,
        *batches(from: number) {
          for (let s = from; ; s++)
            yield data.batchAt(s) as ReturnType<typeof data.batchAt> & object;
        },
      },
      epochs: 2,
    });
    expect(b.losses).toEqual(a.losses);
    m2.dispose();
  });

  it('warns once about a variable the loss never reaches, and still trains the others', async () => {
    const model = toyModel(1);
    const unused = tf.variable(tf.ones([3]));
    const warnings: TrainProgress[] = [];
    await train({
      model: { ...model, variables: [...model.variables, { name: 'unused', variable: unused }] },
      data: toyData(),
      steps: 3,
      onProgress: (e) => e.kind === 'warning' && warnings.push(e),
    });
    expect(warnings).toEqual([
      {
        kind: 'warning',
        step: 0,
        code: 'no-gradient',
        message: 'variable "unused" gets no gradient from the loss; it will not change',
      },
    ]);
    expect(Array.from(unused.dataSync())).toEqual([1, 1, 1]);
    unused.dispose();
    model.dispose();
  });

  it('explains bad options', async () => {
    const model = toyModel(1);
    const data = toyData();
    await expect(train({ model, data })).rejects.toThrow(
      'train: pass exactly one of steps or epochs, got neither.',
    );
    await expect(train({ model, data, steps: 0 })).rejects.toThrow(
      'train: expected steps to be an integer >= 1, got 0.',
    );
    await expect(
      train({ model: { ...model, evaluate: undefined }, data, steps: 2, evalEvery: 1 }),
    ).rejects.toThrow('train: evalEvery needs model.evaluate(); add it or drop evalEvery.');
    await expect(train({ model, data, steps: 2, checkpointEvery: 1 })).rejects.toThrow(
      'train: checkpointEvery needs checkpointDir (Node) or checkpointStore.',
    );
    await expect(train({ model, data, steps: 2, resume: true })).rejects.toThrow(
      'train: resume needs checkpointDir',
    );
    await expect(
      train({ model, data, steps: 2, optimizer: { name: 'adagrad', learningRate: 1 } as never }),
    ).rejects.toThrow(
      'createOptimizer: unknown optimizer "adagrad". Available: adam, rmsprop, sgd.',
    );
    await expect(train({ model, data: {} as never, steps: 2 })).rejects.toThrow(
      'train: expected data with batchAt(step) or batches(fromStep), got neither.',
    );
    model.dispose();
  });
});

describe('train: memory', () => {
  it('keeps numTensors flat over 500 steps with evaluation and checkpoints', async () => {
    const model = toyModel(1);
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    let checkpoints = 0;
    const result = await train({
      model,
      data: toyData(),
      steps: 500,
      optimizer: { name: 'adam', learningRate: 0.01 },
      evalEvery: 50,
      checkpointEvery: 50,
      checkpointDir: path.join(dir, 'leak'),
      bestMetric: { metric: 'valLoss', mode: 'min' },
      schedule: { name: 'warmup-cosine', warmupSteps: 20 },
      onProgress: (e) => {
        if (e.kind === 'step') counts.push(tf.memory().numTensors);
        if (e.kind === 'checkpoint') checkpoints++;
      },
    });
    expect(result.step).toBe(500);
    expect(checkpoints).toBeGreaterThanOrEqual(11); // 10 latest + at least one best
    // The optimizer creates its slots on the first step; from then on nothing grows.
    expect(new Set(counts.slice(1))).toEqual(new Set([counts[1]]));
    expect(tf.memory().numTensors).toBe(before); // the optimizer train() created is disposed
    model.dispose();
  });
});
