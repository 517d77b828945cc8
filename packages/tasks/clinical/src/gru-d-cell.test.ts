// GRU-D against a step-by-step float64 reference written from the paper's equations
// (Che et al. 2018, eqs. 3-5, with the repo's GRU convention h' = z*hh + (1-z)*n), the
// masked time loop against stepping by hand, and a finite-difference gradient check
// (central differences, step 1e-2, float32 on cpu, as cells' gradient-check.test.ts).
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { createRandom } from '@recurrent/random';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { gruDCell } from './gru-d-cell.js';
import { runSideInputRnn } from './run-side-input-rnn.js';

const B = 3;
const T = 5;
const D = 4;
const U = 3;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

type Mat = number[][];
const sig = (x: number) => 1 / (1 + Math.exp(-x));
const relu = (x: number) => Math.max(0, x);

/** The reference: one step in float64 from the weights' values. */
function referenceStep(
  w: Record<string, number[]>,
  mean: number[],
  x: number[],
  m: number[],
  d: number[],
  h: number[],
  xLast: number[],
) {
  const K = (i: number, j: number) => w.kernel![i * 3 * U + j]!;
  const M = (i: number, j: number) => w.mask_kernel![i * 3 * U + j]!;
  const R = (i: number, j: number) => w.recurrent_kernel![i * 3 * U + j]!;
  const H = (i: number, j: number) => w.hidden_decay_kernel![i * U + j]!;
  const gx = x.map((_, i) =>
    Math.exp(-relu(d[i]! * w.input_decay_kernel![i]! + w.input_decay_bias![i]!)),
  );
  const gh = h.map((_, j) =>
    Math.exp(-relu(d.reduce((s, di, i) => s + di * H(i, j), 0) + w.hidden_decay_bias![j]!)),
  );
  const xl = x.map((xi, i) => m[i]! * xi + (1 - m[i]!) * xLast[i]!);
  const xh = x.map(
    (xi, i) => m[i]! * xi + (1 - m[i]!) * (gx[i]! * xLast[i]! + (1 - gx[i]!) * mean[i]!),
  );
  const hh = h.map((hj, j) => gh[j]! * hj);
  const pre = (col: number, hIn: number[]) =>
    xh.reduce((s, v, i) => s + v * K(i, col) + m[i]! * M(i, col), 0) +
    w.bias![col]! +
    hIn.reduce((s, v, k) => s + v * R(k, col), 0);
  const z = hh.map((_, j) => sig(pre(j, hh)));
  const r = hh.map((_, j) => sig(pre(U + j, hh)));
  const rh = hh.map((v, j) => r[j]! * v);
  const n = hh.map((_, j) => Math.tanh(pre(2 * U + j, rh)));
  return { h: hh.map((v, j) => z[j]! * v + (1 - z[j]!) * n[j]!), xLast: xl };
}

function inputs(seed: number) {
  const rng = createRandom(seed);
  const x = Array.from({ length: B * T * D }, () => rng.normal());
  const m = Array.from({ length: B * T * D }, () => (rng.next() < 0.4 ? 1 : 0));
  const d = Array.from({ length: B * T * D }, () => 3 * rng.next());
  return { x, m, d };
}

function perturbWeights(cell: ReturnType<typeof gruDCell>, seed: number): void {
  const rng = createRandom(seed);
  for (const w of cell.weights) {
    const v = w.variable.dataSync().map((a) => a + 0.2 * rng.normal());
    tf.tidy(() => w.variable.assign(tf.tensor(v, w.variable.shape)));
  }
}

describe('gruDCell', () => {
  it('equals the float64 step-by-step reference within 1e-5 over a masked sequence', () => {
    const mean = [0.3, -0.2, 0.1, 0];
    const cell = gruDCell({ inputSize: D, units: U, seed: 3, mean: Float32Array.from(mean) });
    perturbWeights(cell, 4); // exercise the decays' relu on both sides and non-zero biases
    const w = Object.fromEntries(
      cell.weights.map((v) => [v.name.split('/')[1]!, Array.from(v.variable.dataSync())]),
    );
    const { x, m, d } = inputs(5);
    const lengths = [5, 3, 1];
    const mask = tf.tensor2d(
      lengths.flatMap((n) => Array.from({ length: T }, (_, t) => (t < n ? 1 : 0))),
      [B, T],
    );
    const res = runSideInputRnn(cell, tf.tensor3d(x, [B, T, D]), {
      side: { observed: tf.tensor3d(m, [B, T, D]), delta: tf.tensor3d(d, [B, T, D]) },
      mask,
      returnSequences: true,
    });
    const seq = res.sequence!.arraySync() as number[][][];
    const out = res.output.arraySync() as Mat;
    let worst = 0;
    for (let b = 0; b < B; b++) {
      let h = [0, 0, 0];
      let xLast = [...mean];
      for (let t = 0; t < lengths[b]!; t++) {
        const at = (b * T + t) * D;
        const step = referenceStep(
          w,
          mean,
          x.slice(at, at + D),
          m.slice(at, at + D),
          d.slice(at, at + D),
          h,
          xLast,
        );
        h = step.h;
        xLast = step.xLast;
        for (let j = 0; j < U; j++) worst = Math.max(worst, Math.abs(seq[b]![t]![j]! - h[j]!));
      }
      for (let t = lengths[b]!; t < T; t++) expect(seq[b]![t]!.every((v) => v === 0)).toBe(true); // padded: zeros
      for (let j = 0; j < U; j++) worst = Math.max(worst, Math.abs(out[b]![j]! - h[j]!));
      expect(
        (res.state[1]!.arraySync() as Mat)
          [b]!.map((v, i) => v - xLast[i]!)
          .every((e) => Math.abs(e) < 1e-5),
      ).toBe(true);
    }
    expect(worst).toBeLessThan(1e-5);
  });

  it('passes a finite-difference gradient check on x and every weight', () => {
    const cell = gruDCell({ inputSize: D, units: U, seed: 7 });
    perturbWeights(cell, 8);
    // input decays active everywhere (w, b > 0 with delta > 0): away from the relu's kink
    for (const w of cell.weights.slice(4, 6)) {
      tf.tidy(() => w.variable.assign(tf.add(tf.abs(w.variable), 0.05)));
    }
    const { x: xv, m, d } = inputs(9);
    const x = tf.variable(tf.tensor3d(xv, [B, T, D]));
    const observed = tf.tensor3d(m, [B, T, D]);
    // delta away from the relu kinks: finite differences across a kink are meaningless
    const delta = tf.tensor3d(
      d.map((v) => 0.5 + v),
      [B, T, D],
    );
    const mask = tf.tensor2d([1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1], [B, T]);
    const rng = createRandom(10);
    const c = tf.tensor3d(
      Array.from({ length: B * T * U }, () => rng.normal()),
      [B, T, U],
    );
    const loss = () =>
      tf.tidy(() => {
        const r = runSideInputRnn(cell, x as tf.Variable<tf.Rank.R3>, {
          side: { observed, delta },
          mask,
          returnSequences: true,
        });
        return tf.sum(tf.mul(r.sequence!, c)) as tf.Scalar;
      });
    const vars = [x, ...cell.weights.map((w) => w.variable)];
    const { grads } = tf.variableGrads(loss, vars);
    const EPS = 1e-2;
    let checked = 0;
    for (const v of vars) {
      const analytic = grads[v.name]!.dataSync();
      const values = v.dataSync().slice();
      for (let k = 0; k < 6; k++) {
        const i = createRandom(k + 100 * checked).int(values.length);
        const at = (delta: number) => {
          const copy = values.slice();
          copy[i]! += delta;
          tf.tidy(() => v.assign(tf.tensor(copy, v.shape)));
          const l = loss();
          const out = l.dataSync()[0]!;
          l.dispose();
          return out;
        };
        const fd = (at(EPS) - at(-EPS)) / (2 * EPS);
        tf.tidy(() => v.assign(tf.tensor(values, v.shape)));
        expect(Math.abs(fd - analytic[i]!)).toBeLessThanOrEqual(
          2e-3 * Math.max(1, Math.abs(analytic[i]!)),
        );
      }
      checked++;
    }
    expect(checked).toBe(9); // x and the 8 weights
  });

  it('says what it expected when the side inputs are missing or mis-shaped', () => {
    const cell = gruDCell({ inputSize: D, units: U });
    const x = tf.zeros([2, D]) as tf.Tensor2D;
    expect(() => cell.step(x, cell.initialState(2), undefined as never)).toThrow(
      /gruDCell.step: expected side inputs \{ observed, delta \} \(\[batch, 4\] each\), got none/,
    );
    expect(() =>
      runSideInputRnn(cell, tf.zeros([2, 3, D]) as tf.Tensor3D, {
        side: {
          observed: tf.zeros([2, 3, D]) as tf.Tensor3D,
          delta: tf.zeros([2, 4, D]) as tf.Tensor3D,
        },
      }),
    ).toThrow(/expected side input "delta" of x's shape \[2, 3, 4\], got \[2, 4, 4\]/);
  });
});
