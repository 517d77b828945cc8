import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../test-utils/backends.js';
import { seededNormal } from '../test-utils/fused-parity.js';
import { lazyGradientOp } from './lazy-gradient-op.js';
import { lstmSequence } from './lstm-sequence.js';

/** `x * w` with its gradients; counts how often x's gradient function runs. */
function scaled() {
  const calls = { dx: 0 };
  const op = lazyGradientOp<tf.Tensor>(([x, w], save) => {
    save([x!, w!]);
    return {
      value: tf.mul(x!, w!),
      gradFunc: (dy, [xs, ws]) => [
        () => {
          calls.dx++;
          return tf.mul(dy, ws!);
        },
        tf.sum(tf.mul(dy, xs!)),
      ],
    };
  });
  return { op, calls };
}

describe('lazyGradientOp', () => {
  it('gives tf.customGrad values and gradients, and runs a gradient function only when asked', async () => {
    await useBackend('cpu');
    const { op, calls } = scaled();
    const x = tf.tensor1d([1, 2, 3]);
    const w = tf.scalar(0.5);
    expect(Array.from(op(x, w).dataSync())).toEqual([0.5, 1, 1.5]);
    const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(op(a, b))))([x, w]);
    // d/dx sum((x w)^2) = 2 x w^2; d/dw = 2 w sum(x^2)
    expect(Array.from(dx!.dataSync())).toEqual([0.5, 1, 1.5]);
    expect(dw!.dataSync()[0]).toBeCloseTo(14, 6);
    expect(calls.dx).toBe(1);
    const v = tf.variable(w, true, 'lazy_w');
    const { grads } = tf.variableGrads(() => tf.sum(op(x, v)) as tf.Scalar, [v]);
    expect(grads.lazy_w!.dataSync()[0]).toBeCloseTo(6, 6);
    expect(calls.dx).toBe(1); // x is data: its gradient function did not run
    tf.dispose([x, w, v, dx!, dw!, grads.lazy_w!]);
  });

  it('refuses a gradient list of the wrong length, saying what to return', async () => {
    await useBackend('cpu');
    const op = lazyGradientOp<tf.Tensor>(([x]) => ({ value: tf.neg(x!), gradFunc: () => [] }));
    expect(() => tf.grad((a: tf.Tensor) => op(a))(tf.scalar(1))).toThrow(
      /returned 0 gradients for 1 inputs; return one per input/,
    );
  });

  it('keeps numTensors flat when gradient functions are skipped', async () => {
    await useBackend('cpu');
    const { op } = scaled();
    const x = tf.tensor1d([1, 2, 3]);
    const v = tf.variable(tf.scalar(2), true, 'lazy_flat');
    const before = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) {
      const { value, grads } = tf.variableGrads(() => tf.sum(op(x, v)) as tf.Scalar, [v]);
      tf.dispose([value, grads.lazy_flat!]);
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, v]);
  });
});

describe('the fused LSTM input gradient', () => {
  it('is skipped for data inputs and computed (as on cpu) for trained ones, on wasm', async () => {
    const batch = 3;
    const time = 6;
    const inputSize = 5;
    const units = 7;
    const run = async () => {
      const k = tf.variable(seededNormal([inputSize, 4 * units], 11, 0.4), true, 'in_k');
      const r = tf.variable(seededNormal([units, 4 * units], 12, 0.4), true, 'in_r');
      const b = tf.variable(seededNormal([4 * units], 13, 0.2), true, 'in_b');
      const x = seededNormal([batch, time, inputSize], 5) as tf.Tensor3D;
      const table = tf.variable(x.clone(), true, 'in_x');
      const lossOf = (xs: tf.Tensor) => () => {
        const w = {
          kernel: k as tf.Tensor2D,
          recurrentKernel: r as tf.Tensor2D,
          bias: b as tf.Tensor1D,
        };
        const out = lstmSequence(xs as tf.Tensor3D, w, { returnSequences: true });
        return tf.sum(tf.square(out.sequence!)) as tf.Scalar;
      };
      // The input gradient is the one matmul with output [time*batch, in].
      const inputGradients = (kernels: Awaited<ReturnType<typeof tf.profile>>['kernels']) =>
        kernels.filter(
          (kernel) =>
            kernel.name === 'BatchMatMul' &&
            kernel.outputShapes[0]?.join('x') === `${time * batch}x${inputSize}`,
        ).length;
      let dx: number[] = [];
      // tf.profile returns the engine's one profile record: count before the next profile.
      const data = await tf.profile(() => {
        const { grads, value } = tf.variableGrads(lossOf(x), [k, r, b]);
        tf.dispose([value, ...Object.values(grads)]);
      });
      const skipped = inputGradients(data.kernels);
      const trained = await tf.profile(() => {
        const { grads, value } = tf.variableGrads(lossOf(table), [k, r, b, table]);
        dx = Array.from(grads.in_x!.dataSync());
        tf.dispose([value, ...Object.values(grads)]);
      });
      const computed = inputGradients(trained.kernels);
      tf.dispose([k, r, b, x, table]);
      return {
        skipped,
        computed,
        dx,
      };
    };
    await useBackend('cpu');
    const cpu = await run();
    await useBackend('wasm');
    const wasm = await run();
    expect({ wasm: wasm.skipped, cpu: cpu.skipped }).toEqual({ wasm: 0, cpu: 0 });
    expect(wasm.computed).toBe(1);
    expect(cpu.skipped).toBe(0);
    expect(wasm.dx).toHaveLength(batch * time * inputSize);
    const worst = Math.max(...wasm.dx.map((v, i) => Math.abs(v - cpu.dx[i]!)));
    expect(worst).toBeLessThan(1e-4);
  });
});
