/**
 * The shared numeric conformance cases every backend must pass against cpu: matmul,
 * elementwise ops, gather, softmax, and the value and gradient of one LSTM-like step.
 */
import type { ConformanceCase } from './conformance-case.js';
import { seededValues } from './seeded-values.js';

const gpuTol = { atol: 1e-4, rtol: 1e-3 }; // float32 shaders; fused multiply-adds differ from cpu
const cpuTol = { atol: 1e-5, rtol: 1e-5 }; // same IEEE float32 arithmetic, other summation order

export const standardCases: readonly ConformanceCase[] = [
  {
    name: 'matMul [17, 33] x [33, 9], and with transposes',
    tolerance: { gpu: gpuTol, cpu: cpuTol },
    run(tf) {
      const a = tf.tensor2d(seededValues(1, 17 * 33), [17, 33]);
      const b = tf.tensor2d(seededValues(2, 33 * 9), [33, 9]);
      return [tf.matMul(a, b), tf.matMul(b, a, true, true)]; // [17, 9], [9, 17]
    },
  },
  {
    // tfjs-backend-webgpu 4.22's general transpose shader is invalid WGSL for int32 under
    // Dawn (adapters/webgpu-int32-transpose.ts works around it); large enough for the GPU path.
    name: 'transpose int32 [32, 64, 65] (perm 1, 0, 2), [40, 70], cast to float32, and float32',
    tolerance: { gpu: { atol: 0, rtol: 0 }, cpu: { atol: 0, rtol: 0 } },
    run(tf) {
      const ints = Int32Array.from({ length: 32 * 64 * 65 }, (_, i) => (i * 7919) % 1013);
      const a = tf.tensor3d(ints, [32, 64, 65], 'int32');
      const b = tf.tensor2d(ints.subarray(0, 40 * 70), [40, 70], 'int32');
      const c = tf.tensor3d(seededValues(30, 8 * 9 * 10), [8, 9, 10]);
      const ids = tf.cast(
        tf.oneHot(tf.tensor2d(ints.subarray(0, 32 * 64), [32, 64], 'int32'), 1013),
        'float32',
      );
      return [
        tf.transpose(a, [1, 0, 2]),
        tf.transpose(b),
        tf.transpose(ids, [1, 0, 2]), // webgpu's int32 -> float32 cast keeps int32 storage
        tf.transpose(c, [2, 0, 1]),
      ];
    },
  },
  {
    name: 'elementwise: add, sub, mul, div, tanh, sigmoid, exp, log, relu, maximum',
    tolerance: { gpu: gpuTol, cpu: cpuTol },
    run(tf) {
      const a = tf.tensor2d(seededValues(3, 6 * 7, 3), [6, 7]);
      const b = tf.tensor1d(seededValues(4, 7, 3)); // broadcast over rows
      const positive = tf.add(tf.abs(b), 0.5);
      return [
        tf.add(a, b),
        tf.sub(a, b),
        tf.mul(a, b),
        tf.div(a, positive),
        tf.tanh(a),
        tf.sigmoid(a),
        tf.exp(a),
        tf.log(tf.add(tf.abs(a), 1)),
        tf.relu(a),
        tf.maximum(a, b),
      ];
    },
  },
  {
    name: 'gather rows by int32 ids',
    tolerance: { gpu: gpuTol, cpu: cpuTol },
    run(tf) {
      const table = tf.tensor2d(seededValues(5, 11 * 4), [11, 4]);
      const ids = tf.tensor1d([0, 3, 3, 10, 7, 1], 'int32');
      return tf.gather(table, ids); // [6, 4]
    },
  },
  {
    name: 'softmax and logSoftmax over the last axis',
    tolerance: { gpu: gpuTol, cpu: cpuTol },
    run(tf) {
      const logits = tf.tensor2d(seededValues(6, 5 * 13, 8), [5, 13]);
      return [tf.softmax(logits), tf.logSoftmax(logits)];
    },
  },
  {
    name: 'LSTM-like step: value and gradient of h, c wrt x, h, c, kernels, bias',
    tolerance: { gpu: { atol: 2e-4, rtol: 2e-3 }, cpu: { atol: 2e-5, rtol: 1e-4 } },
    run(tf) {
      const batch = 4;
      const inputSize = 6;
      const units = 5;
      const x = tf.tensor2d(seededValues(7, batch * inputSize), [batch, inputSize]);
      const h = tf.tensor2d(seededValues(8, batch * units), [batch, units]);
      const c = tf.tensor2d(seededValues(9, batch * units), [batch, units]);
      const kernel = tf.tensor2d(seededValues(10, inputSize * 4 * units, 0.5), [
        inputSize,
        4 * units,
      ]);
      const recurrent = tf.tensor2d(seededValues(11, units * 4 * units, 0.5), [units, 4 * units]);
      const bias = tf.tensor1d(seededValues(12, 4 * units, 0.1));
      const coefH = tf.tensor2d(seededValues(13, batch * units), [batch, units]);
      const coefC = tf.tensor2d(seededValues(14, batch * units), [batch, units]);
      const step = (
        xs: typeof x,
        hs: typeof h,
        cs: typeof c,
        k: typeof kernel,
        r: typeof recurrent,
        bs: typeof bias,
      ) => {
        const z = tf.add(tf.add(tf.matMul(xs, k), tf.matMul(hs, r)), bs); // [batch, 4*units]
        const [i, f, g, o] = tf.split(z, 4, 1) as [typeof x, typeof x, typeof x, typeof x];
        const cNext = tf.add(tf.mul(tf.sigmoid(f), cs), tf.mul(tf.sigmoid(i), tf.tanh(g))); // [batch, units]
        const hNext = tf.mul(tf.sigmoid(o), tf.tanh(cNext)); // [batch, units]
        return { hNext, cNext };
      };
      const loss = (...args: Parameters<typeof step>) => {
        const { hNext, cNext } = step(...args);
        return tf.add(tf.sum(tf.mul(hNext, coefH)), tf.sum(tf.mul(cNext, coefC)));
      };
      const { hNext, cNext } = step(x, h, c, kernel, recurrent, bias);
      const grads = tf.grads((a, b, d, e, f, g) =>
        loss(
          a as typeof x,
          b as typeof h,
          d as typeof c,
          e as typeof kernel,
          f as typeof recurrent,
          g as typeof bias,
        ),
      )([x, h, c, kernel, recurrent, bias]);
      return [hNext, cNext, ...grads];
    },
  },
  {
    name: 'gradient of gather (needs UnsortedSegmentSum)',
    tolerance: { gpu: gpuTol, cpu: cpuTol },
    skip: {
      wasm: "tfjs-backend-wasm 4.22 registers no 'UnsortedSegmentSum' kernel; @recurrent/cells' embedding has its own gradient for this",
    },
    run(tf) {
      const table = tf.tensor2d(seededValues(15, 9 * 3), [9, 3]);
      const ids = tf.tensor1d([2, 2, 5, 0, 8], 'int32');
      const coef = tf.tensor2d(seededValues(16, 5 * 3), [5, 3]);
      return tf.grad((t) => tf.sum(tf.mul(tf.gather(t as typeof table, ids), coef)))(table);
    },
  },
];
