// Carried model state (Trainable.saveState / restoreState) in checkpoints, and what a resume
// says about the checkpoint it found (latest.prev, format 1, no carried state).
import '@tensorflow/tfjs-backend-cpu';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ToyBatch, toyData, toyModel } from '../test-utils/toy-model.js';
import type { TrainProgress } from './progress.js';
import { train } from './train.js';
import type { Trainable } from './trainable.js';

let dir: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(path.join(tmpdir(), 'recurrent-model-state-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The toy model plus carried state: each loss reads the last batch's mean logit. */
function statefulToy(initSeed: number) {
  const base = toyModel(initSeed);
  let carry: tf.Scalar | null = null; // [] the previous batch's mean logit (a constant)
  const model: Trainable<ToyBatch> & { dispose(): void; restored: number } = {
    ...base,
    restored: 0,
    loss(batch, ctx) {
      const shift = carry ?? tf.scalar(0); // []
      const shifted = { x: tf.add(batch.x, tf.mul(shift, 0.5)) as tf.Tensor2D, y: batch.y }; // [8, 4]
      const loss = base.loss(shifted, ctx);
      const next = tf.keep(tf.tanh(tf.mean(shifted.x)) as tf.Scalar); // []
      if (carry) carry.dispose();
      carry = next;
      return loss;
    },
    resetState() {
      carry?.dispose();
      carry = null;
    },
    saveState: (): Record<string, tf.Tensor> => (carry ? { carry } : {}),
    restoreState(tensors) {
      model.restored += 1;
      carry?.dispose();
      carry = tensors.carry ? (tf.clone(tensors.carry) as tf.Scalar) : null;
    },
    dispose() {
      carry?.dispose();
      base.dispose();
    },
  };
  return model;
}

const common = {
  data: toyData(), // 8 steps per epoch
  steps: 20,
  seed: 2,
  optimizer: { name: 'adam', learningRate: 0.05 } as const,
  checkpointEvery: 4,
};

async function stopAt(runDir: string, step: number) {
  const controller = new AbortController();
  const model = statefulToy(1);
  const result = await train({
    ...common,
    model,
    checkpointDir: runDir,
    signal: controller.signal,
    onProgress: (e) => e.kind === 'step' && e.step === step && controller.abort(),
  });
  model.dispose();
  return result;
}

describe('train: carried model state', () => {
  it('resumes exactly with it, restores it only mid-epoch, and leaks nothing', async () => {
    const whole = statefulToy(1);
    const { checkpointEvery: _, ...noCheckpoints } = common;
    const reference = await train({ ...noCheckpoints, model: whole });
    whole.dispose();
    for (const step of [5, 8]) {
      const runDir = path.join(dir, `exact-${step}`);
      const part1 = await stopAt(runDir, step);
      const model = statefulToy(2);
      const tensors = tf.memory().numTensors;
      const part2 = await train({ ...common, model, checkpointDir: runDir, resume: true });
      model.resetState?.(); // the last step's carry stays with the model, as it should

      expect(tf.memory().numTensors).toBe(tensors);
      expect(model.restored).toBe(step === 8 ? 0 : 1); // step 8 starts epoch 1: reset instead
      expect([...part1.losses, ...part2.losses]).toEqual(reference.losses);
      model.dispose();
    }
  });

  it('warns when the checkpoint has no carried state, and resumes from zeros', async () => {
    const runDir = path.join(dir, 'missing');
    const plain = toyModel(1); // saves no model state
    await train({ ...common, steps: 3, model: plain, checkpointDir: runDir });
    plain.dispose();
    const model = statefulToy(1);
    const events: TrainProgress[] = [];
    await train({
      ...common,
      model,
      checkpointDir: runDir,
      resume: true,
      onProgress: (e) => events.push(e),
    });
    expect(events.filter((e) => e.kind === 'warning')).toEqual([
      {
        kind: 'warning',
        step: 3,
        code: 'model-state-missing',
        message: `${path.join(runDir, 'latest')} holds no model-state.safetensors (written before carried state was saved); the model's carried state restarts from zeros, so losses may differ from an uninterrupted run`,
      },
    ]);
    expect(model.restored).toBe(0);
    model.dispose();
  });

  it('says so when it resumes from latest.prev (a kill between the two renames)', async () => {
    const runDir = path.join(dir, 'prev');
    await stopAt(runDir, 6); // latest at 6, latest.prev at 4
    await rm(path.join(runDir, 'latest.prev'), { recursive: true });
    await rename(path.join(runDir, 'latest'), path.join(runDir, 'latest.prev'));
    const model = statefulToy(1);
    const events: TrainProgress[] = [];
    await train({
      ...common,
      model,
      checkpointDir: runDir,
      resume: true,
      onProgress: (e) => events.push(e),
    });
    model.dispose();
    expect(events.slice(0, 2)).toEqual([
      {
        kind: 'warning',
        step: 0,
        code: 'resumed-from-previous',
        message: `${path.join(runDir, 'latest')} is missing (a run was killed while replacing it); resuming from ${path.join(runDir, 'latest.prev')}, the checkpoint before it`,
      },
      { kind: 'resumed', step: 6, path: path.join(runDir, 'latest.prev') },
    ]);
  });

  it('needs saveState and restoreState together', async () => {
    const model = statefulToy(1);
    await expect(
      train({ ...common, model: { ...model, restoreState: undefined } }),
    ).rejects.toThrow(
      'train: model has saveState() but no restoreState(); give both (what one saves, the other puts back) or neither.',
    );
    model.dispose();
  });
});
