import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { bidirectional } from './bidirectional.js';
import { createStepper } from './create-stepper.js';
import { gruCell } from './gru-cell.js';
import { lstmCell } from './lstm-cell.js';
import { runRnn } from './run-rnn.js';
import { simpleRnnCell } from './simple-rnn-cell.js';
import { stackCells } from './stack-cells.js';
import { useBackend } from './test-utils/backends.js';
import { tensorDiff } from './test-utils/numbers.js';

beforeAll(() => useBackend('cpu'));

const x = () =>
  tf.tensor3d(
    Array.from({ length: 2 * 6 * 3 }, (_, i) => Math.sin(i)),
    [2, 6, 3],
  );

describe('createStepper', () => {
  const models = {
    lstm: () => lstmCell({ inputSize: 3, units: 4, seed: 1 }),
    stack: () =>
      stackCells([
        gruCell({ inputSize: 3, units: 4, seed: 2 }),
        simpleRnnCell({ inputSize: 4, units: 2, seed: 3 }),
      ]),
  };
  for (const [name, make] of Object.entries(models)) {
    it(`${name}: step by step, and chunk then steps, equal one runRnn over the sequence`, () => {
      const cell = make();
      const xs = x();
      const whole = runRnn(cell, xs, { returnSequences: true, fused: false });
      const stepper = createStepper(cell, { batch: 2 });
      const steps = tf.unstack(xs, 1).map((xt) => stepper.step(xt as tf.Tensor2D));
      expect(tensorDiff(tf.stack(steps, 1), whole.sequence!)).toBeLessThan(1e-6);
      stepper.state.forEach((s, i) => {
        expect(tensorDiff(s, whole.state[i]!)).toBeLessThan(1e-6);
      });

      stepper.reset();
      const [head, tail] = tf.split(xs, [4, 2], 1) as tf.Tensor3D[];
      const first = stepper.stepChunk(head!);
      const rest = tf.unstack(tail!, 1).map((xt) => stepper.step(xt as tf.Tensor2D));
      expect(tensorDiff(tf.concat([first, tf.stack(rest, 1)], 1), whole.sequence!)).toBeLessThan(
        1e-6,
      );
      stepper.dispose();
    });
  }

  it('keeps its state across calls made inside the caller’s tf.tidy, and leaks nothing', () => {
    const stepper = createStepper(models.stack(), { batch: 2 });
    const xt = tf.ones([2, 3]) as tf.Tensor2D;
    const chunk = tf.ones([2, 3, 3]) as tf.Tensor3D;
    const before = tf.memory().numTensors;
    for (let i = 0; i < 100; i++) {
      tf.tidy(() => {
        stepper.step(xt); // the output is freed by this tidy; the state must survive it
      });
    }
    for (let i = 0; i < 20; i++) tf.dispose(stepper.stepChunk(chunk));
    stepper.reset();
    expect(tf.memory().numTensors).toBe(before);
    expect(stepper.state.every((s) => !s.isDisposed)).toBe(true);
    stepper.dispose();
    expect(tf.memory().numTensors).toBe(before - 2);
    tf.dispose([xt, chunk]);
  });

  it('reset(state) starts from a copy of the given state', () => {
    const cell = models.lstm();
    const stepper = createStepper(cell, { batch: 2 });
    const start = [tf.fill([2, 4], 0.5), tf.fill([2, 4], -0.5)] as tf.Tensor2D[];
    stepper.reset(start);
    tf.dispose(start);
    const xs = x();
    const y = stepper.stepChunk(xs);
    const again = runRnn(cell, xs, {
      initialState: [tf.fill([2, 4], 0.5), tf.fill([2, 4], -0.5)] as tf.Tensor2D[],
      returnSequences: true,
    });
    expect(tensorDiff(y, again.sequence!)).toBeLessThan(1e-6);
    stepper.dispose();
  });

  it('refuses a bidirectional cell, a wrong shape, and use after dispose', () => {
    const bi = bidirectional(
      lstmCell({ inputSize: 3, units: 2, name: 'f' }),
      lstmCell({ inputSize: 3, units: 2, name: 'b' }),
    );
    expect(() => createStepper(bi, { batch: 1 })).toThrow(
      'createStepper: "bidirectional_0" contains a bidirectional cell, whose backward direction needs the whole sequence, so it cannot be fed step by step. Run whole sequences with runRnn().',
    );
    const stepper = createStepper(models.lstm(), { batch: 2 });
    expect(() => stepper.step(tf.ones([2, 5, 3]) as unknown as tf.Tensor2D)).toThrow(
      'stepper.step: expected x of shape [2, 3], got [2, 5, 3]. Feed one step [batch, inputSize]; use stepChunk() for [batch, time, inputSize].',
    );
    stepper.dispose();
    expect(() => stepper.step(tf.ones([2, 3]) as tf.Tensor2D)).toThrow(
      'stepper.step: this stepper was disposed.',
    );
  });
});
