import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerGradients } from '../loop/register-gradients.js';
import { clipByGlobalNorm } from './clip-by-global-norm.js';
import { createOptimizer, optimizerConfigOf } from './create-optimizer.js';
import { learningRateAt } from './learning-rate-at.js';
import { readOptimizerSlots, restoreOptimizerSlots } from './optimizer-slots.js';
import { getLearningRate, setLearningRate } from './set-learning-rate.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await registerGradients();
});

describe('createOptimizer / optimizerConfigOf', () => {
  it('builds tfjs optimisers and reads their configs back', () => {
    const cases = [
      [
        { name: 'adam', learningRate: 0.01 },
        'Adam',
        { name: 'adam', learningRate: 0.01, beta1: 0.9, beta2: 0.999 },
      ],
      [
        { name: 'rmsprop', learningRate: 0.01, centered: true },
        'RMSProp',
        { name: 'rmsprop', centered: true, decay: 0.9 },
      ],
      [{ name: 'sgd', learningRate: 0.1 }, 'SGD', { name: 'sgd', learningRate: 0.1 }],
      [
        { name: 'sgd', learningRate: 0.1, momentum: 0.9 },
        'Momentum',
        { name: 'sgd', momentum: 0.9, nesterov: false },
      ],
    ] as const;
    for (const [config, className, back] of cases) {
      const o = createOptimizer(config);
      expect(o.getClassName()).toBe(className);
      expect(optimizerConfigOf(o)).toMatchObject(back);
      o.dispose();
    }
    expect(() => createOptimizer({ name: 'adam', learningRate: -1 })).toThrow(
      'createOptimizer: expected adam.learningRate to be a finite number > 0, got -1.',
    );
    const pytorchEps = createOptimizer({ name: 'adam', learningRate: 0.01, epsilon: 1e-8 });
    expect(optimizerConfigOf(pytorchEps)).toMatchObject({ epsilon: 1e-8 });
    pytorchEps.dispose();
    for (const epsilon of [0, -1e-8, Number.NaN]) {
      expect(() => createOptimizer({ name: 'adam', learningRate: 0.01, epsilon })).toThrow(
        `createOptimizer: expected adam.epsilon to be a finite number > 0, got ${epsilon}. Try 1e-7 (tfjs, Keras) or 1e-8 (PyTorch)`,
      );
    }
    expect(() => optimizerConfigOf(tf.train.adagrad(0.1))).toThrow(
      'cannot save a Adagrad optimizer',
    );
  });

  it('setLearningRate changes the next update (SGD caches -lr; Adam reads the field)', () => {
    const w = tf.variable(tf.tensor1d([1]));
    const g = tf.tensor1d([1]);
    const sgd = createOptimizer({ name: 'sgd', learningRate: 0.1 });
    setLearningRate(sgd, 0.5);
    expect(getLearningRate(sgd)).toBe(0.5);
    sgd.applyGradients([{ name: w.name, tensor: g }]);
    expect(w.dataSync()[0]).toBeCloseTo(0.5, 6);
    const adam = createOptimizer({ name: 'adam', learningRate: 0.1 });
    setLearningRate(adam, 0.25);
    adam.applyGradients([{ name: w.name, tensor: g }]); // Adam's first step moves by ~lr
    expect(w.dataSync()[0]).toBeCloseTo(0.25, 5);
    tf.dispose([w, g]);
    sgd.dispose();
    adam.dispose();
  });
});

describe('learningRateAt', () => {
  it('is constant, or warms up linearly then follows a half cosine to the minimum', () => {
    expect(
      learningRateAt({ name: 'constant' }, { step: 5, totalSteps: 10, baseLearningRate: 0.3 }),
    ).toBe(0.3);
    const s = { name: 'warmup-cosine', warmupSteps: 4, minLearningRate: 0.1 } as const;
    const at = (step: number) => learningRateAt(s, { step, totalSteps: 10, baseLearningRate: 1 });
    expect([0, 1, 2, 3, 4].map(at)).toEqual([0.25, 0.5, 0.75, 1, 1]);
    // step 6: 2 of 5 decay steps: 0.1 + 0.9 * 0.5 * (1 + cos(0.4 pi)) = 0.1 + 0.9 * 0.6545085 = 0.68905765
    expect(at(6)).toBeCloseTo(0.68905765, 7);
    expect(at(9)).toBeCloseTo(0.1, 12);
    expect(() =>
      learningRateAt(
        { name: 'warmup-cosine', warmupSteps: -1 },
        { step: 0, totalSteps: 1, baseLearningRate: 1 },
      ),
    ).toThrow('expected warmupSteps to be an integer >= 0, got -1');
  });
});

describe('clipByGlobalNorm', () => {
  it('scales all gradients together and reports the pre-clip norm', () => {
    const a = tf.tensor1d([3]);
    const b = tf.tensor1d([4]);
    const before = tf.memory().numTensors;
    const clipped = clipByGlobalNorm([a, null, b], 1);
    expect(clipped.norm.dataSync()[0]).toBeCloseTo(5, 6);
    expect(clipped.grads[1]).toBeNull();
    expect(clipped.grads[0]!.dataSync()[0]).toBeCloseTo(0.6, 6);
    expect(clipped.grads[2]!.dataSync()[0]).toBeCloseTo(0.8, 6);
    const loose = clipByGlobalNorm([a, b], 10);
    expect(Array.from(loose.grads[0]!.dataSync())).toEqual([3]);
    const off = clipByGlobalNorm([a, b], null);
    expect(Array.from(off.grads[1]!.dataSync())).toEqual([4]);
    tf.dispose([
      clipped.norm,
      loose.norm,
      off.norm,
      ...[...clipped.grads, ...loose.grads, ...off.grads].filter((g) => g !== null),
    ]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([a, b]);
  });
});

describe('optimizer slots', () => {
  it('reads Adam slots under stable names and restores them into a fresh optimizer', async () => {
    const w = tf.variable(tf.tensor2d([[1, 2]]));
    const b = tf.variable(tf.tensor1d([0.5]));
    const vars = [
      { name: 'dense_0/kernel', variable: w },
      { name: 'dense_0/bias', variable: b },
    ];
    const adam = createOptimizer({ name: 'adam', learningRate: 0.1 });
    for (let i = 0; i < 3; i++) {
      adam.minimize(() => tf.sum(tf.add(tf.sum(tf.square(w)), tf.square(b))) as tf.Scalar, false, [
        w,
        b,
      ]);
    }
    const saved = await readOptimizerSlots(adam, vars);
    expect(saved.iterations).toBe(3);
    expect(saved.slots.map((s) => s.name)).toEqual([
      'dense_0/kernel/m',
      'dense_0/bias/m',
      'dense_0/kernel/v',
      'dense_0/bias/v',
    ]);
    const w2 = tf.variable(tf.tensor2d([[1, 2]]));
    const b2 = tf.variable(tf.tensor1d([0.5]));
    const vars2 = [
      { name: 'dense_0/kernel', variable: w2 },
      { name: 'dense_0/bias', variable: b2 },
    ];
    const fresh = createOptimizer({ name: 'adam', learningRate: 0.1 });
    const before = tf.memory().numTensors;
    await restoreOptimizerSlots(fresh, vars2, saved, 'test');
    expect(tf.memory().numTensors).toBe(before + 4); // the four slot variables, nothing else
    await restoreOptimizerSlots(fresh, vars2, saved, 'test'); // again: the old slots are freed
    expect(tf.memory().numTensors).toBe(before + 4);
    expect((await readOptimizerSlots(fresh, vars2)).slots).toEqual(saved.slots);

    const bad = {
      ...saved,
      slots: [{ ...saved.slots[0]!, shape: [2, 1] }, ...saved.slots.slice(1)],
    };
    await expect(restoreOptimizerSlots(fresh, vars2, bad, 'ck')).rejects.toThrow(
      'ck: optimizer slot "dense_0/kernel/m": expected shape [1, 2] (from the model), got [2, 1].',
    );
    const swapped = {
      ...saved,
      slots: [saved.slots[1]!, saved.slots[0]!, ...saved.slots.slice(2)],
    };
    await expect(restoreOptimizerSlots(fresh, vars2, swapped, 'ck')).rejects.toThrow(
      'ck: optimizer slot "dense_0/bias/m" is out of order',
    );
    const foreign = { ...saved, slots: [{ ...saved.slots[0]!, name: 'gru_0/kernel/m' }] };
    await expect(restoreOptimizerSlots(fresh, vars2, foreign, 'ck')).rejects.toThrow(
      'ck: optimizer slot "gru_0/kernel/m" belongs to no model weight',
    );
    tf.dispose([w, b, w2, b2]);
    adam.dispose();
    fresh.dispose();
  });
});
