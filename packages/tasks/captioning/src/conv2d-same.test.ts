/**
 * conv2dSame's gradient against two references: the cpu backend's own conv2d gradient
 * (Conv2DBackpropFilter, which wasm lacks) and central finite differences of the loss; and
 * the same numbers on wasm, where tf.conv2d's filter gradient does not run at all.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { selectBackend } from '@recurrent/backends';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { conv2dSame, im2col } from './conv2d-same.js';

const values = (n: number, seed: number) =>
  Float32Array.from({ length: n }, (_, i) => Math.sin(seed * 7.3 + i * 1.7) * 0.5);

function inputs(h: number, c: number, k: number, out: number) {
  const x = tf.tensor4d(values(2 * h * h * c, 1), [2, h, h, c]);
  const f = tf.tensor4d(values(k * k * c * out, 2), [k, k, c, out]);
  const w = tf.tensor4d(values(2 * h * h * out, 3), [2, h, h, out]); // loss weights, covers stride 1
  return { x, f, w };
}

/** sum(conv(x, f) * w): a loss whose gradient reaches every output. */
const loss =
  (conv: typeof conv2dSame, stride: number) => (x: tf.Tensor4D, f: tf.Tensor4D, w: tf.Tensor4D) => {
    const y = conv(x, f, stride);
    const [, oh, ow, oc] = y.shape;
    return tf.sum(tf.mul(y, tf.slice(w, [0, 0, 0, 0], [2, oh, ow, oc])));
  };
const reference = (x: tf.Tensor4D, f: tf.Tensor4D, stride = 1) => tf.conv2d(x, f, stride, 'same');

async function gradsOf(
  stride: number,
  h: number,
  c: number,
  k: number,
  out: number,
  ours: boolean,
) {
  const { x, f, w } = inputs(h, c, k, out);
  const fn = loss(ours ? conv2dSame : reference, stride);
  const [dx, df] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
    fn(a as tf.Tensor4D, b as tf.Tensor4D, w),
  )([x, f]);
  const result = { dx: await dx!.data(), df: await df!.data(), y: await fn(x, f, w).data() };
  tf.dispose([x, f, w, dx, df]);
  return result;
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

const cases = [
  { stride: 1, h: 6, c: 3, k: 3, out: 4 },
  { stride: 1, h: 7, c: 2, k: 5, out: 3 }, // stride 1 takes the forward-convolution gradients
  { stride: 1, h: 5, c: 2, k: 2, out: 3 }, // an even filter: "same" pads one pixel, at the end
  { stride: 2, h: 7, c: 2, k: 3, out: 3 }, // odd size: "same" pads the odd pixel at the end
  { stride: 2, h: 8, c: 4, k: 5, out: 2 },
];

describe('conv2dSame on cpu', () => {
  it.each(cases)('matches cpu conv2d and its gradient (stride $stride, $h px, k $k)', async (g) => {
    await selectBackend('cpu');
    const ours = await gradsOf(g.stride, g.h, g.c, g.k, g.out, true);
    const ref = await gradsOf(g.stride, g.h, g.c, g.k, g.out, false);
    expect(maxDiff(ours.y, ref.y)).toBeLessThan(1e-5);
    expect(maxDiff(ours.dx, ref.dx)).toBeLessThan(1e-5);
    expect(maxDiff(ours.df, ref.df)).toBeLessThan(1e-5);
  });

  it('matches central finite differences of the filter', async () => {
    await selectBackend('cpu');
    const { x, f, w } = inputs(5, 2, 3, 2);
    const fn = loss(conv2dSame, 2);
    const df = await tf
      .grad((b: tf.Tensor) => fn(x, b as tf.Tensor4D, w))(f)
      .data();
    const base = await f.data();
    const eps = 1e-2;
    for (const i of [0, 5, 11, 17, 35]) {
      const plus = Float32Array.from(base);
      const minus = Float32Array.from(base);
      plus[i]! += eps;
      minus[i]! -= eps;
      const lp = tf.tidy(() => fn(x, tf.tensor4d(plus, f.shape), w).dataSync()[0]!);
      const lm = tf.tidy(() => fn(x, tf.tensor4d(minus, f.shape), w).dataSync()[0]!);
      expect(df[i]).toBeCloseTo((lp - lm) / (2 * eps), 3);
    }
    tf.dispose([x, f, w]);
  });

  it('with inputGradient false gives the same filter gradient and a zero input gradient', async () => {
    await selectBackend('cpu');
    const { x, f, w } = inputs(6, 3, 3, 4);
    const noInput = (a: tf.Tensor4D, b: tf.Tensor4D, s?: number) =>
      conv2dSame(a, b, s, { inputGradient: false });
    const [dx, df] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      loss(noInput, 1)(a as tf.Tensor4D, b as tf.Tensor4D, w),
    )([x, f]);
    const ref = await gradsOf(1, 6, 3, 3, 4, true);
    expect(maxDiff(await df!.data(), ref.df)).toBe(0);
    expect(Math.max(...(await tf.abs(dx!).data()))).toBe(0);
    tf.dispose([x, f, w, dx, df]);
  });

  it('im2col lays out patches in the filter order (ky, kx, c)', async () => {
    await selectBackend('cpu');
    const x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    const cols = await im2col(x, 3, 1).array(); // padded by 1 on every side
    expect(cols[0]).toEqual([0, 0, 0, 0, 1, 2, 0, 3, 4]);
    expect(cols[3]).toEqual([1, 2, 0, 3, 4, 0, 0, 0, 0]);
    x.dispose();
  });
});

describe('conv2dSame on wasm', () => {
  afterAll(() => selectBackend('cpu'));

  it('trains where tf.conv2d cannot: the same gradient as cpu', async () => {
    await selectBackend('cpu');
    const ref = await gradsOf(2, 7, 3, 3, 4, false);
    await selectBackend('wasm');
    expect(() =>
      tf.tidy(() => {
        const { x, f, w } = inputs(7, 3, 3, 4);
        tf.grads((a: tf.Tensor, b: tf.Tensor) =>
          loss(reference as never, 2)(a as tf.Tensor4D, b as tf.Tensor4D, w),
        )([x, f]);
      }),
    ).toThrow(/Conv2DBackpropFilter/);
    const ours = await gradsOf(2, 7, 3, 3, 4, true);
    expect(maxDiff(ours.dx, ref.dx)).toBeLessThan(1e-4);
    expect(maxDiff(ours.df, ref.df)).toBeLessThan(1e-4);
  });

  it.each([
    { h: 8, c: 3, k: 3, out: 4 },
    { h: 7, c: 2, k: 2, out: 3 },
  ])('stride 1 ($h px, k $k): the same gradients as cpu', async (g) => {
    await selectBackend('cpu');
    const ref = await gradsOf(1, g.h, g.c, g.k, g.out, false);
    await selectBackend('wasm');
    const ours = await gradsOf(1, g.h, g.c, g.k, g.out, true);
    expect(maxDiff(ours.dx, ref.dx)).toBeLessThan(1e-4);
    expect(maxDiff(ours.df, ref.df)).toBeLessThan(1e-4);
  });

  it('keeps numTensors flat over many gradient steps', async () => {
    await selectBackend('wasm');
    const { x, f, w } = inputs(8, 3, 3, 4);
    const step = (stride: number) =>
      tf.dispose(
        tf.grads((a: tf.Tensor, b: tf.Tensor) =>
          loss(conv2dSame, stride)(a as tf.Tensor4D, b as tf.Tensor4D, w),
        )([x, f]),
      );
    step(1);
    step(2);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) {
      step(1);
      step(2);
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, f, w]);
  });
});
