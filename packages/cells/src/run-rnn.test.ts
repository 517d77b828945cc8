import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { bidirectional } from './bidirectional.js';
import type { Cell } from './cell.js';
import { gruCell } from './gru-cell.js';
import { lstmCell } from './lstm-cell.js';
import { runRnn } from './run-rnn.js';
import { simpleRnnCell } from './simple-rnn-cell.js';
import { stackCells } from './stack-cells.js';
import { useBackend } from './test-utils/backends.js';
import { tensorDiff } from './test-utils/numbers.js';

beforeAll(() => useBackend('cpu'));

const B = 3;
const T = 5;
const D = 2;
const lengths = [5, 2, 3];
const input = () =>
  tf.tensor3d(
    Array.from({ length: B * T * D }, (_, i) => Math.sin(0.9 * i + 0.1)),
    [B, T, D],
  );
const maskOf = (lens: number[]) =>
  tf.tensor2d(
    lens.flatMap((n) => Array.from({ length: T }, (_, t) => (t < n ? 1 : 0))),
    [B, T],
  );
/** Row `b` of `x`, its first `n` steps: `[1, n, features]`. */
const row = (x: tf.Tensor3D, b: number, n: number) =>
  tf.slice(x, [b, 0, 0], [1, n, x.shape[2]]) as tf.Tensor3D;

describe('runRnn', () => {
  it('computes the lecture equation h_t = tanh(h_{t-1} W + x_t U + b) step by step', () => {
    const cell = simpleRnnCell({ inputSize: 2, units: 3, seed: 1 });
    const x = tf.tensor3d([
      [
        [1, 2],
        [0.5, -1],
        [2, 0],
      ],
    ]); // [1, 3, 2]
    const U = cell.kernel.arraySync() as number[][];
    const W = cell.recurrentKernel.arraySync() as number[][];
    let h = [0, 0, 0];
    const expected: number[][] = [];
    for (const xt of x.arraySync()[0]!) {
      h = h.map((_, j) => {
        const hW = h.reduce((s, hk, k) => s + hk * W[k]![j]!, 0);
        const xU = xt.reduce((s, xi, i) => s + xi * U[i]![j]!, 0);
        return Math.tanh(hW + xU); // b is zeros at initialisation
      });
      expected.push(h);
    }
    const { output, sequence } = runRnn(cell, x, { returnSequences: true, fused: false });
    const got = sequence!.arraySync()[0]!;
    for (let t = 0; t < 3; t++) {
      for (let j = 0; j < 3; j++) expect(got[t]![j]).toBeCloseTo(expected[t]![j]!, 6);
    }
    expect(output.arraySync()[0]).toEqual(got[2]);
  });

  const cells: Record<string, () => Cell> = {
    rnn: () => simpleRnnCell({ inputSize: D, units: 3, seed: 2 }),
    lstm: () => lstmCell({ inputSize: D, units: 3, seed: 3 }),
    gru: () => gruCell({ inputSize: D, units: 3, seed: 4 }),
    stack: () =>
      stackCells([
        lstmCell({ inputSize: D, units: 3, seed: 5 }),
        gruCell({ inputSize: 3, units: 2, seed: 6 }),
      ]),
    bidirectional: () =>
      bidirectional(
        gruCell({ inputSize: D, units: 3, seed: 7, name: 'fwd' }),
        lstmCell({ inputSize: D, units: 3, seed: 8, name: 'bwd' }),
      ),
  };

  for (const [name, make] of Object.entries(cells)) {
    for (const reverse of [false, true]) {
      it(`${name}${reverse ? ', reverse' : ''}: a masked row equals that row cut to its length`, () => {
        const cell = make();
        const x = input();
        const masked = runRnn(cell, x, { mask: maskOf(lengths), returnSequences: true, reverse });
        const seq = masked.sequence!.arraySync();
        lengths.forEach((n, b) => {
          const alone = runRnn(cell, row(x, b, n), { returnSequences: true, reverse });
          const rowOf = (t: tf.Tensor) => tf.slice(t, [b, 0], [1, t.shape[1]!]);
          expect(tensorDiff(rowOf(masked.output), alone.output)).toBeLessThan(1e-6);
          masked.state.forEach((s, i) => {
            expect(tensorDiff(rowOf(s), alone.state[i]!)).toBeLessThan(1e-6);
          });
          const real = tf.slice(masked.sequence!, [b, 0, 0], [1, n, cell.outputSize]);
          expect(tensorDiff(real, alone.sequence!)).toBeLessThan(1e-6);
          for (let t = n; t < T; t++) expect(seq[b]![t]!.every((v) => v === 0)).toBe(true);
        });
      });
    }
  }

  it('reverse with a mask starts at each row’s last real step (reverse, run, reverse back)', () => {
    const cell = lstmCell({ inputSize: D, units: 3, seed: 9 });
    const x = input();
    const got = runRnn(cell, x, { mask: maskOf(lengths), returnSequences: true, reverse: true });
    lengths.forEach((n, b) => {
      const flipped = tf.reverse(row(x, b, n), 1) as tf.Tensor3D;
      const forward = runRnn(cell, flipped, { returnSequences: true });
      const back = tf.reverse(forward.sequence!, 1);
      expect(tensorDiff(tf.slice(got.sequence!, [b, 0, 0], [1, n, 3]), back)).toBeLessThan(1e-6);
    });
  });

  it('a padded step in the middle carries the state and emits zeros', () => {
    const cell = gruCell({ inputSize: D, units: 3, seed: 10 });
    const x = input();
    const mask = tf.tensor2d([
      [1, 1, 0, 1, 1],
      [1, 1, 1, 1, 1],
      [1, 0, 0, 0, 1],
    ]);
    const got = runRnn(cell, x, { mask, returnSequences: true });
    const without = tf.concat([row(x, 0, 2), tf.slice(x, [0, 3, 0], [1, 2, D])], 1) as tf.Tensor3D;
    const ref = runRnn(cell, without, { returnSequences: true });
    expect(tensorDiff(tf.slice(got.output, [0, 0], [1, 3]), ref.output)).toBeLessThan(1e-6);
    expect(got.sequence!.arraySync()[0]![2]!.every((v) => v === 0)).toBe(true);
  });

  it('starts from initialState', () => {
    const cell = lstmCell({ inputSize: D, units: 3, seed: 11 });
    const x = input();
    const first = runRnn(cell, tf.slice(x, [0, 0, 0], [B, 2, D]) as tf.Tensor3D);
    const second = runRnn(cell, tf.slice(x, [0, 2, 0], [B, 3, D]) as tf.Tensor3D, {
      initialState: first.state,
    });
    const whole = runRnn(cell, x);
    expect(tensorDiff(second.output, whole.output)).toBeLessThan(1e-6);
    expect(tensorDiff(second.state[1]!, whole.state[1]!)).toBeLessThan(1e-6);
  });

  it('runs a stack layer by layer with the same numbers as stepping it', () => {
    const stack = cells.stack!();
    const x = input();
    const got = runRnn(stack, x, { returnSequences: true });
    let state = stack.initialState(B);
    const outs = tf.unstack(x, 1).map((xt) => {
      const r = stack.step(xt as tf.Tensor2D, state);
      state = r.state;
      return r.output;
    });
    expect(tensorDiff(got.sequence!, tf.stack(outs, 1))).toBeLessThan(1e-6);
    got.state.forEach((s, i) => {
      expect(tensorDiff(s, state[i]!)).toBeLessThan(1e-6);
    });
  });

  it('bidirectional: output merges the forward last step and the backward first step', () => {
    const bi = cells.bidirectional!() as ReturnType<typeof bidirectional>;
    const x = input();
    const got = runRnn(bi, x, { returnSequences: true });
    const f = runRnn(bi.forward, x, { returnSequences: true });
    const b = runRnn(bi.backward, x, { returnSequences: true, reverse: true });
    expect(tensorDiff(got.sequence!, tf.concat([f.sequence!, b.sequence!], 2))).toBe(0);
    expect(tensorDiff(got.output, tf.concat([f.output, b.output], 1))).toBe(0);
    const bFirst = tf.reshape(tf.slice(b.sequence!, [0, 0, 0], [B, 1, 3]), [B, 3]);
    expect(tensorDiff(b.output, bFirst)).toBe(0);
    expect(got.state.map((s) => s.shape[1])).toEqual([3, 3, 3]);
  });

  it('stack dropout: one mask per sequence, the same at every step, only while training', () => {
    const make = (seed: number) =>
      stackCells(
        [
          simpleRnnCell({ inputSize: D, units: 8, seed: 1, name: 'a' }),
          simpleRnnCell({ inputSize: 8, units: 3, seed: 2, name: 'b' }),
        ],
        { dropout: 0.5, seed },
      );
    const stack = make(42);
    const x = input();
    const plain = runRnn(stack, x, { returnSequences: true });
    const trained = runRnn(stack, x, { returnSequences: true, training: true });
    expect(tensorDiff(plain.sequence!, trained.sequence!)).toBeGreaterThan(1e-3);

    const twin = make(42); // same seed: same masks
    const [mask] = twin.dropoutMasks(B); // [B, 8]
    const values = new Set(mask!.dataSync());
    expect([...values].sort()).toEqual([0, 2]);
    const [a, b] = stack.cells as [Cell, Cell];
    const low = runRnn(a, x, { returnSequences: true }).sequence!;
    const dropped = tf.mul(low, tf.expandDims(mask!, 1)) as tf.Tensor3D; // same mask each step
    const expected = runRnn(b, dropped, { returnSequences: true }).sequence!;
    expect(tensorDiff(trained.sequence!, expected)).toBeLessThan(1e-6);
  });

  it('stack dropout with a dropoutSeed: masks are a function of the seed alone', () => {
    const stack = stackCells(
      [
        simpleRnnCell({ inputSize: D, units: 8, seed: 1, name: 'a' }),
        simpleRnnCell({ inputSize: 8, units: 3, seed: 2, name: 'b' }),
      ],
      { dropout: 0.5, seed: 3 },
    );
    const x = input();
    const run = (dropoutSeed: number) =>
      runRnn(stack, x, { returnSequences: true, training: true, dropoutSeed }).sequence!;
    const first = run(7);
    run(99); // the stack's own stream moves on: seeded masks must not care
    expect(tensorDiff(run(7), first)).toBe(0);
    expect(tensorDiff(run(8), first)).toBeGreaterThan(1e-3);
    const a = stack.dropoutMasks(B, 5)[0]!;
    const b = stack.dropoutMasks(B, 5)[0]!;
    expect(tensorDiff(a, b)).toBe(0);
  });

  it('returns no sequence unless asked, and leaks nothing in inference', () => {
    const cell = cells.stack!();
    const x = input();
    const mask = maskOf(lengths);
    tf.dispose(runRnn(cell, x, { mask }) as unknown as tf.TensorContainer);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) {
      const r = runRnn(cell, x, { mask, reverse: i % 2 === 1 });
      expect(r.sequence).toBeUndefined();
      tf.dispose([r.output, ...r.state]);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('explains wrong shapes', () => {
    const cell = lstmCell({ inputSize: D, units: 3 });
    expect(() => runRnn(cell, tf.ones([B, D]) as unknown as tf.Tensor3D)).toThrow(
      'runRnn(lstm_0): expected x of shape [batch, time, 2], got [3, 2]. Pass batch-major sequences [batch, time, inputSize]; for one step use cell.step().',
    );
    expect(() => runRnn(cell, input(), { mask: tf.ones([B, 4]) as tf.Tensor2D })).toThrow(
      'runRnn(lstm_0): expected mask of shape [3, 5], got [3, 4]. Pass a [batch, time] mask with 1 for real steps and 0 for padding.',
    );
    expect(() =>
      runRnn(cell, input(), { initialState: [tf.zeros([B, 3]) as tf.Tensor2D] }),
    ).toThrow(
      'runRnn(lstm_0) initialState: expected 2 state tensor(s) of widths [3, 3], got 1. Start from cell.initialState(batch).',
    );
  });
});
