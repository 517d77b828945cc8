// GRU-D against a step-by-step float64 reference written here from the paper's equations
// (Che et al. 2018, eqs. 3-5, with the repo's GRU convention h' = z*hh + (1-z)*n) in plain
// JavaScript arrays, through runRnn's side inputs; a finite-difference gradient check
// (central differences, step 1e-2, float32 on cpu, as gradient-check.test.ts); the decays'
// limits; the stepper; and numTensors flat over many training and streaming steps.
// Measured on cpu: the reference differs by at most 7.5e-8 (asserted 1e-5); the worst
// finite-difference relative error is 2.5e-4 (asserted 1e-3).
import { createRandom } from '@recurrent/random';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStepper } from './create-stepper.js';
import { gruDCell } from './gru-d-cell.js';
import { runRnn } from './run-rnn.js';
import { useBackend } from './test-utils/backends.js';
import { tensorDiff } from './test-utils/numbers.js';
import { toPytorch } from './to-pytorch.js';

beforeAll(() => useBackend('cpu'));

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
    const res = runRnn(cell, tf.tensor3d(x, [B, T, D]), {
      sideInputs: { observed: tf.tensor3d(m, [B, T, D]), delta: tf.tensor3d(d, [B, T, D]) },
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
          [b]!.map((v, i) => v - (xLast[i]! - mean[i]!)) // the state holds xLast - mean
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
        const r = runRnn(cell, x as tf.Variable<tf.Rank.R3>, {
          sideInputs: { observed, delta },
          mask,
          returnSequences: true,
        });
        return tf.sum(tf.mul(r.sequence!, c)) as tf.Scalar;
      });
    const vars = [x, ...cell.weights.map((w) => w.variable)];
    const { grads } = tf.variableGrads(loss, vars);
    const EPS = 1e-2;
    let checked = 0;
    let worst = 0;
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
        worst = Math.max(worst, Math.abs(fd - analytic[i]!) / Math.max(1, Math.abs(analytic[i]!)));
      }
      checked++;
    }
    expect(checked).toBe(9); // x and the 8 weights
    expect(worst).toBeLessThan(1e-3); // the tolerance of gradient-check.test.ts
  });

  it('imputes as the paper says: the last observation when delta is 0, the mean when delta is large', () => {
    const mean = [0.5, -1];
    const cell = gruDCell({ inputSize: 2, units: 2, mean, seed: 1 });
    // h = 0 and a zero kernel on the mask: the step's output depends on x only through xh,
    // so two inputs that impute the same xh give the same output.
    tf.tidy(() => cell.maskKernel.assign(tf.zerosLike(cell.maskKernel)));
    const xLast = tf.tensor2d([[2 - 0.5, 3 + 1]]); // the state holds xLast - mean: xLast = [2, 3]
    const h0 = tf.zeros([1, 2]) as tf.Tensor2D;
    const step = (x: number[], observed: number[], delta: number[]) =>
      cell.step(tf.tensor2d([x]), [h0, xLast], {
        sideInputs: { observed: tf.tensor2d([observed]), delta: tf.tensor2d([delta]) },
      });
    const seenLast = step([2, 3], [1, 1], [0, 0]); // observing the last values themselves
    const fresh = step([7, 7], [0, 0], [0, 0]); // missing, no time passed: xh = xLast
    expect(tensorDiff(fresh.output, seenLast.output)).toBeLessThan(1e-6);
    expect(fresh.state[1]!.arraySync()).toEqual([[1.5, 4]]); // xLast carried
    const seenMean = step(mean, [1, 1], [0, 0]);
    const stale = step([7, 7], [0, 0], [1e4, 1e4]); // missing for long: xh = mean
    expect(tensorDiff(stale.output, seenMean.output)).toBeLessThan(1e-6);
    const observed = step([4, -4], [1, 0], [1e4, 0]);
    expect(observed.state[1]!.arraySync()).toEqual([[3.5, 4]]); // observed: x; missing: xLast (- mean)
  });

  it('keeps its weight names, and refuses PyTorch export (nn.GRU has no decays)', () => {
    const cell = gruDCell({ inputSize: D, units: U });
    expect(cell.weights.map((w) => [w.name, w.variable.shape])).toEqual([
      ['gru_d_0/kernel', [D, 3 * U]],
      ['gru_d_0/recurrent_kernel', [U, 3 * U]],
      ['gru_d_0/mask_kernel', [D, 3 * U]],
      ['gru_d_0/bias', [3 * U]],
      ['gru_d_0/input_decay_kernel', [D]],
      ['gru_d_0/input_decay_bias', [D]],
      ['gru_d_0/hidden_decay_kernel', [D, U]],
      ['gru_d_0/hidden_decay_bias', [U]],
    ]);
    expect(() => toPytorch(cell)).toThrow(/no counterpart for a "gru-d" cell \("gru_d_0"\)/);
  });

  it('the stepper, step by step or a chunk then steps, equals runRnn over the sequence', () => {
    const cell = gruDCell({ inputSize: D, units: U, seed: 11, mean: [0.1, 0.2, 0.3, 0.4] });
    perturbWeights(cell, 12);
    const { x, m, d } = inputs(13);
    const xs = tf.tensor3d(x, [B, T, D]);
    const observed = tf.tensor3d(m, [B, T, D]);
    const delta = tf.tensor3d(d, [B, T, D]);
    const whole = runRnn(cell, xs, { sideInputs: { observed, delta }, returnSequences: true });
    const stepper = createStepper(cell, { batch: B });
    const [xt, mt, dt] = [xs, observed, delta].map((t) => tf.unstack(t, 1) as tf.Tensor2D[]);
    const outs = xt!.map((_, t) =>
      stepper.step(xt![t]!, { sideInputs: { observed: mt![t]!, delta: dt![t]! } }),
    );
    expect(tensorDiff(tf.stack(outs, 1), whole.sequence!)).toBeLessThan(1e-6);
    stepper.state.forEach((s, i) => {
      expect(tensorDiff(s, whole.state[i]!)).toBeLessThan(1e-6);
    });
    stepper.reset();
    const head = (t: tf.Tensor3D) => tf.slice(t, [0, 0, 0], [B, 3, D]) as tf.Tensor3D;
    const chunk = stepper.stepChunk(head(xs), {
      sideInputs: { observed: head(observed), delta: head(delta) },
    });
    const rest = [3, 4].map((t) =>
      stepper.step(xt![t]!, { sideInputs: { observed: mt![t]!, delta: dt![t]! } }),
    );
    expect(tensorDiff(tf.concat([chunk, tf.stack(rest, 1)], 1), whole.sequence!)).toBeLessThan(
      1e-6,
    );
    expect(() => stepper.step(xt![0]!)).toThrow(
      /stepper.step: missing side input "observed": "gru_d_0" reads observed \[batch, 4\] and delta \[batch, 4\] at every step. Pass step\(x, state, \{ sideInputs: \{ observed, delta \} \}\)./,
    );
    stepper.dispose();
  });

  it('keeps numTensors flat over 300 masked training steps and 300 streaming steps', () => {
    const cell = gruDCell({ inputSize: D, units: U, seed: 14 });
    const { x, m, d } = inputs(15);
    const xs = tf.tensor3d(x, [B, T, D]);
    const sideInputs = { observed: tf.tensor3d(m, [B, T, D]), delta: tf.tensor3d(d, [B, T, D]) };
    const mask = tf.tensor2d([1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0], [B, T]);
    const target = tf.tensor2d([0.5, -0.5, 0.2, -0.1, 0.3, 0.0, 0.4, 0.1, -0.3], [B, U]);
    const vars = cell.weights.map((w) => w.variable);
    const trainStep = (): number =>
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => {
          const { output } = runRnn(cell, xs, { sideInputs, mask, training: true }); // [B, U]
          return tf.mean(tf.square(tf.sub(output, target))) as tf.Scalar;
        }, vars);
        for (const v of vars) v.assign(tf.sub(v, tf.mul(0.1, grads[v.name]!)));
        return value.dataSync()[0]!;
      });
    const first = trainStep();
    const before = tf.memory().numTensors;
    let last = first;
    for (let i = 1; i < 300; i++) last = trainStep();
    expect(tf.memory().numTensors).toBe(before);
    expect(last).toBeLessThan(first);

    const stepper = createStepper(cell, { batch: B });
    const xt = tf.ones([B, D]) as tf.Tensor2D;
    const step = { sideInputs: { observed: tf.ones([B, D]) as tf.Tensor2D, delta: xt } };
    tf.dispose(stepper.step(xt, step));
    const streaming = tf.memory().numTensors;
    for (let i = 0; i < 300; i++) tf.dispose(stepper.step(xt, step));
    expect(tf.memory().numTensors).toBe(streaming);
    stepper.dispose();
  });
});
