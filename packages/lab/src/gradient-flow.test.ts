/**
 * gradientFlow against finite differences and between the fused and loop paths.
 *
 * The reference is independent of gradientFlow's probes: a plain forward pass in this file
 * that adds +-eps to one entry of h_t (after step t) or of c_t (inside step t, before
 * h_t = o tanh(c_t), with the LSTM's equations written out here), central differences in
 * float32 on cpu, eps 1e-2. Tolerance |fd - flow| <= 2e-3 * max(1, |flow|) on the norms,
 * like the cells' own finite-difference checks (float32 rounding ~1e-5, truncation ~1e-4).
 */
import { selectBackend } from '@recurrent/backends';
import { type Cell, gruCell, type LstmCell, lstmCell, simpleRnnCell } from '@recurrent/cells';
import { createRandom } from '@recurrent/random';
import { registerGradients } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { gradientFlow, gradientFlowAsync } from './gradient-flow.js';

const B = 2;
const D = 3;
const U = 3;
const EPS = 1e-2;

beforeAll(async () => {
  await selectBackend('cpu');
  await registerGradients();
});

const cells: Record<string, () => Cell> = {
  rnn: () => simpleRnnCell({ inputSize: D, units: U, seed: 1 }),
  gru: () => gruCell({ inputSize: D, units: U, seed: 2 }),
  lstm: () => lstmCell({ inputSize: D, units: U, seed: 3 }),
};

/** Non-zero biases and larger weights, so every gradient path is exercised. */
function perturbWeights(cell: Cell, seed: number): void {
  const rng = createRandom(seed);
  for (const w of cell.weights) {
    const v = w.variable.dataSync().map((a) => 1.5 * a + 0.2 * rng.normal());
    tf.tidy(() => w.variable.assign(tf.tensor(v, w.variable.shape)));
  }
}

function randomX(time: number, seed: number): tf.Tensor3D {
  const rng = createRandom(seed);
  const values = Float32Array.from({ length: B * time * D }, () => rng.normal());
  return tf.tensor3d(values, [B, time, D]); // [batch, time, in]
}

/** A loss that reads every step's output and the last one. */
function lossOf(time: number) {
  const rng = createRandom(99);
  const weights = Float32Array.from({ length: B * time * U }, () => rng.normal());
  return (h: tf.Tensor2D, sequence: tf.Tensor3D): tf.Scalar =>
    tf.tidy(() => {
      const w = tf.tensor3d(weights, [B, time, U]); // [batch, time, units]
      return tf.add(tf.mean(tf.mul(sequence, w)), tf.sum(tf.square(tf.sin(h)))) as tf.Scalar; // []
    });
}

/** One step with a nudge: to h after the step, or to the LSTM's c before h reads it. */
function nudgedStep(
  cell: Cell,
  x: tf.Tensor2D,
  state: tf.Tensor2D[],
  dh?: tf.Tensor2D,
  dc?: tf.Tensor2D,
) {
  if (cell.kind !== 'lstm') {
    const next = cell.step(x, state).state; // [batch, units]
    return dh ? [tf.add(next[0]!, dh) as tf.Tensor2D] : next;
  }
  const c = cell as LstmCell;
  const z = tf.add(tf.add(tf.matMul(x, c.kernel), tf.matMul(state[0]!, c.recurrentKernel)), c.bias); // [batch, 4*units]
  const [zi, zf, zc, zo] = tf.split(z, 4, 1) as tf.Tensor2D[]; // 4 x [batch, units]
  let cNext = tf.add(
    tf.mul(tf.sigmoid(zf!), state[1]!),
    tf.mul(tf.sigmoid(zi!), tf.tanh(zc!)),
  ) as tf.Tensor2D; // [batch, units]
  if (dc) cNext = tf.add(cNext, dc) as tf.Tensor2D;
  let hNext = tf.mul(tf.sigmoid(zo!), tf.tanh(cNext)) as tf.Tensor2D; // [batch, units]
  if (dh) hNext = tf.add(hNext, dh) as tf.Tensor2D;
  return [hNext, cNext];
}

/** The loss with one entry of h_at (which = 0) or c_at (which = 1) moved by delta. */
function nudgedLoss(
  cell: Cell,
  x: tf.Tensor3D,
  at: number,
  which: number,
  entry: number,
  delta: number,
): number {
  const time = x.shape[1];
  return tf.tidy(() => {
    const d = tf.tensor2d(
      Float32Array.from({ length: B * U }, (_, i) => (i === entry ? delta : 0)),
      [B, U],
    );
    let state = cell.initialState(B);
    const hs: tf.Tensor2D[] = [];
    const xs = tf.unstack(x, 1) as tf.Tensor2D[]; // time x [batch, in]
    for (let t = 0; t < time; t++) {
      const here = t === at;
      state = nudgedStep(
        cell,
        xs[t]!,
        state,
        here && which === 0 ? d : undefined,
        here && which === 1 ? d : undefined,
      );
      hs.push(state[0]!);
    }
    return lossOf(time)(state[0]!, tf.stack(hs, 1) as tf.Tensor3D).dataSync()[0]!;
  });
}

function finiteDifferenceNorm(cell: Cell, x: tf.Tensor3D, at: number, which: number): number {
  let sum = 0;
  for (let e = 0; e < B * U; e++) {
    const g =
      (nudgedLoss(cell, x, at, which, e, EPS) - nudgedLoss(cell, x, at, which, e, -EPS)) /
      (2 * EPS);
    sum += g * g;
  }
  return Math.sqrt(sum);
}

describe('gradientFlow', () => {
  for (const [name, make] of Object.entries(cells)) {
    it(`${name}: every ||dL/dh_t|| (and ||dL/dc_t||) matches finite differences`, () => {
      const time = 4;
      const cell = make();
      perturbWeights(cell, 7);
      const x = randomX(time, 5);
      for (const fused of [true, false]) {
        const flow = gradientFlow(cell, x, lossOf(time), { fused });
        expect(flow.h).toHaveLength(time);
        for (let t = 0; t < time; t++) {
          const fd = finiteDifferenceNorm(cell, x, t, 0);
          expect(Math.abs(fd - flow.h[t]!)).toBeLessThanOrEqual(2e-3 * Math.max(1, flow.h[t]!));
          if (cell.kind === 'lstm') {
            const fdc = finiteDifferenceNorm(cell, x, t, 1);
            expect(Math.abs(fdc - flow.c![t]!)).toBeLessThanOrEqual(
              2e-3 * Math.max(1, flow.c![t]!),
            );
          }
        }
        expect(flow.h.every((v) => v > 1e-4)).toBe(true); // a real signal, not zeros matching zeros
      }
      x.dispose();
    });

    it(`${name}: the fused and loop paths agree within 1e-5`, async () => {
      await selectBackend('wasm');
      try {
        const time = 12;
        const cell = make();
        perturbWeights(cell, 8);
        const x = randomX(time, 6);
        const fused = gradientFlow(cell, x, lossOf(time), { fused: true });
        const loop = gradientFlow(cell, x, lossOf(time), { fused: false });
        expect(Math.abs(fused.loss - loop.loss)).toBeLessThanOrEqual(1e-5);
        for (const key of ['h', 'c'] as const) {
          const a = fused[key];
          const b = loop[key];
          expect(a === undefined).toBe(key === 'c' && cell.kind !== 'lstm');
          a?.forEach((v, t) => {
            expect(Math.abs(v - b![t]!)).toBeLessThanOrEqual(1e-5 * Math.max(1, v));
          });
        }
        x.dispose();
      } finally {
        await selectBackend('cpu');
      }
    });
  }

  it('rejects a stacked cell and a wrong input width with messages that say what to do', () => {
    const cell = simpleRnnCell({ inputSize: D, units: U });
    const loss = (h: tf.Tensor2D) => tf.sum(h) as tf.Scalar;
    expect(() => gradientFlow(cell, tf.zeros([1, 2, 5]) as tf.Tensor3D, loss)).toThrow(
      /gradientFlow\(rnn_0\): expected x of shape \[batch, time, 3\], got \[1, 2, 5\]/,
    );
    const stack = { ...cell, kind: 'stack' as const };
    expect(() => gradientFlow(stack, tf.zeros([1, 2, 3]) as tf.Tensor3D, loss)).toThrow(
      /Measure one layer at a time/,
    );
  });

  it('gradientFlowAsync reads the same numbers as gradientFlow, and leaves no tensors', async () => {
    for (const [name, make] of Object.entries(cells)) {
      const cell = make();
      perturbWeights(cell, 9);
      const x = randomX(6, 2);
      const sync = gradientFlow(cell, x, lossOf(6));
      const before = tf.memory().numTensors;
      const read = await gradientFlowAsync(cell, x, lossOf(6));
      expect(tf.memory().numTensors, name).toBe(before);
      expect(read, name).toEqual(sync);
      x.dispose();
    }
  });

  it('keeps numTensors flat', () => {
    const cell = lstmCell({ inputSize: D, units: U, seed: 4 });
    const x = randomX(5, 1);
    gradientFlow(cell, x, lossOf(5));
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) gradientFlow(cell, x, lossOf(5), { fused: i % 2 === 0 });
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
