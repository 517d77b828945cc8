/**
 * The fused paths' conformance cases (`ConformanceCase` from `@recurrent/backends/conformance`):
 * the fused LSTM, GRU (`resetAfter` true and false) and simple RNN forward AND backward, and
 * an embedding feeding a fused LSTM, each compared with cpu by `describeBackend`. On webgpu
 * each case also fails unless our WGSL step programs ran (`expectPrograms`). Run in Chromium (webgpu, webgl, wasm:
 * fused/fused-conformance.browser.test.ts) and in Node over Dawn (node-webgpu:
 * fused/fused-conformance.node-webgpu.test.ts). In test-utils/, so builds leave it out (it
 * imports @recurrent/backends/conformance, a dev dependency).
 *
 * Inputs and weights are `seededValues` (plain tensors, not cell variables), so every
 * backend sees identical numbers. Tolerances are stated per case.
 */
import { type ConformanceCase, seededValues } from '@recurrent/backends/conformance';
import type * as tf from '@tensorflow/tfjs-core';
import { embedding } from '../embedding.js';
import type { FusedWeights } from '../fused/fused-check.js';
import { gruSequence } from '../fused/gru-sequence.js';
import { lstmSequence } from '../fused/lstm-sequence.js';
import { rnnSequence } from '../fused/rnn-sequence.js';
import { expectPrograms } from './webgpu-programs.js';

export type Tf = typeof tf;

export const batch = 3;
export const time = 5;
export const inputSize = 4;
export const units = 6;
/** Rows 0 and 1 are full; row 2 has 3 real steps, then 2 padded ones. */
export const maskValues = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0];

/** Seeded weights `[in, gates*units]`, `[units, gates*units]`, bias of `biasShape`. */
export function seededWeights(t: Tf, seed: number, gates: number, biasShape: number[]) {
  const width = gates * units;
  const biasSize = biasShape.reduce((a, b) => a * b, 1);
  return {
    kernel: t.tensor2d(seededValues(seed, inputSize * width, 0.6), [inputSize, width]),
    recurrentKernel: t.tensor2d(seededValues(seed + 1, units * width, 0.6), [units, width]),
    bias: t.tensor(seededValues(seed + 2, biasSize, 0.2), biasShape),
  };
}

/** `sum(t * seeded coefficients)`: a loss whose gradient reaches every element of `t`. */
function weighted(t: Tf, x: tf.Tensor, seed: number): tf.Scalar {
  return t.sum(t.mul(x, t.tensor(seededValues(seed, x.size), x.shape)));
}

/** Gradients of `loss(x, kernel, recurrentKernel, bias)` wrt all four. */
function gradsOf(
  t: Tf,
  loss: (x: tf.Tensor3D, w: FusedWeights) => tf.Tensor,
  x: tf.Tensor3D,
  w: FusedWeights,
): tf.Tensor[] {
  const f = (...args: tf.Tensor[]) => {
    const [xs, kernel, recurrentKernel, bias] = args as [
      tf.Tensor3D,
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
    ];
    return loss(xs, { kernel, recurrentKernel, bias });
  };
  return t.grads(f)([x, w.kernel, w.recurrentKernel, w.bias]);
}

// Measured max |backend - cpu| over all outputs of the seven cases, webgpu on our WGSL step
// kernels (2026-12-02, Chromium, tfjs 4.22): webgpu 5.4e-7, webgl 4.8e-7 (both SwiftShader),
// wasm 4.8e-7; node-webgpu (Dawn on llvmpipe) 4.8e-7. The GPU tolerance is the standard
// LSTM-step case's, leaving room for real GPUs' faster, less exact shaders.
const gpuTolerance = { atol: 2e-4, rtol: 2e-3 }; // float32 shaders over 5 steps and back
const cpuTolerance = { atol: 5e-6, rtol: 1e-5 }; // wasm: the same float32, another summation order

export const fusedLstmCase: ConformanceCase = {
  name: 'fused LSTM [3, 5, 4] -> 6 units, masked: sequence, h, c, and d/dx, dK, dR, db',
  tolerance: { gpu: gpuTolerance, cpu: cpuTolerance },
  run(t) {
    const x = t.tensor3d(seededValues(21, batch * time * inputSize), [batch, time, inputSize]);
    const w = seededWeights(t, 22, 4, [4 * units]);
    const mask = t.tensor2d(maskValues, [batch, time]);
    const run = (xs: tf.Tensor3D, ws: FusedWeights) =>
      lstmSequence(xs, ws, { mask, returnSequences: true });
    const loss = (xs: tf.Tensor3D, ws: FusedWeights) => {
      const { sequence, state } = run(xs, ws);
      return t.addN([
        weighted(t, sequence!, 31),
        weighted(t, state[0]!, 32),
        weighted(t, state[1]!, 33),
      ]);
    };
    const { sequence, state } = run(x, w);
    return [sequence!, state[0]!, state[1]!, ...gradsOf(t, loss, x, w)];
  },
};

// On webgpu the LSTM cases run our WGSL step kernels (fused/webgpu/); this one covers the
// other shader variants: hardSigmoid gates, no mask, the last output only, a reverse walk.
const fusedLstmVariantsCase: ConformanceCase = {
  name: 'fused LSTM (hardSigmoid, reverse, initial state) [3, 5, 4] -> 6 units: h, c, and d/dx, dK, dR, db, dh0, dc0',
  tolerance: { gpu: gpuTolerance, cpu: cpuTolerance },
  run(t) {
    const x = t.tensor3d(seededValues(81, batch * time * inputSize), [batch, time, inputSize]);
    const w = seededWeights(t, 82, 4, [4 * units]);
    const h0 = t.tensor2d(seededValues(85, batch * units, 0.5), [batch, units]);
    const c0 = t.tensor2d(seededValues(86, batch * units, 0.5), [batch, units]);
    const run = (xs: tf.Tensor3D, ws: FusedWeights, h: tf.Tensor2D, c: tf.Tensor2D) =>
      lstmSequence(xs, ws, {
        recurrentActivation: 'hardSigmoid',
        reverse: true,
        initialState: [h, c],
      });
    const loss = (...args: tf.Tensor[]) => {
      const [xs, kernel, recurrentKernel, bias, h, c] = args as [
        tf.Tensor3D,
        tf.Tensor,
        tf.Tensor,
        tf.Tensor,
        tf.Tensor2D,
        tf.Tensor2D,
      ];
      const { state } = run(xs, { kernel, recurrentKernel, bias }, h, c);
      return t.add(weighted(t, state[0]!, 91), weighted(t, state[1]!, 92));
    };
    const { state } = run(x, w, h0, c0);
    const grads = t.grads(loss)([x, w.kernel, w.recurrentKernel, w.bias, h0, c0]);
    return [state[0]!, state[1]!, ...grads];
  },
};

const fusedGruCase: ConformanceCase = {
  name: 'fused GRU (resetAfter, reverse) [3, 5, 4] -> 6 units, masked: sequence, h, and d/dx, dK, dR, db',
  tolerance: { gpu: gpuTolerance, cpu: cpuTolerance },
  run(t) {
    const x = t.tensor3d(seededValues(41, batch * time * inputSize), [batch, time, inputSize]);
    const w = seededWeights(t, 42, 3, [2, 3 * units]);
    const mask = t.tensor2d(maskValues, [batch, time]);
    const run = (xs: tf.Tensor3D, ws: FusedWeights) =>
      gruSequence(xs, ws, { mask, returnSequences: true, reverse: true });
    const loss = (xs: tf.Tensor3D, ws: FusedWeights) => {
      const { sequence, state } = run(xs, ws);
      return t.add(weighted(t, sequence!, 51), weighted(t, state[0]!, 52));
    };
    const { sequence, state } = run(x, w);
    return [sequence!, state[0]!, ...gradsOf(t, loss, x, w)];
  },
};

/** Gradients of `loss(x, kernel, recurrentKernel, bias, h0)` wrt all five. */
function gradsWithState(
  t: Tf,
  loss: (x: tf.Tensor3D, w: FusedWeights, h0: tf.Tensor2D) => tf.Tensor,
  x: tf.Tensor3D,
  w: FusedWeights,
  h0: tf.Tensor2D,
): tf.Tensor[] {
  const f = (...args: tf.Tensor[]) => {
    const [xs, kernel, recurrentKernel, bias, h] = args as [
      tf.Tensor3D,
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
      tf.Tensor2D,
    ];
    return loss(xs, { kernel, recurrentKernel, bias }, h);
  };
  return t.grads(f)([x, w.kernel, w.recurrentKernel, w.bias, h0]);
}

const fusedGruBeforeCase: ConformanceCase = {
  name: 'fused GRU (resetAfter false, hardSigmoid, initial state) [3, 5, 4] -> 6 units, masked: sequence, h, and d/dx, dK, dR, db, dh0',
  tolerance: { gpu: gpuTolerance, cpu: cpuTolerance },
  run(t) {
    const x = t.tensor3d(seededValues(101, batch * time * inputSize), [batch, time, inputSize]);
    const w = seededWeights(t, 102, 3, [3 * units]);
    const h0 = t.tensor2d(seededValues(105, batch * units, 0.5), [batch, units]);
    const mask = t.tensor2d(maskValues, [batch, time]);
    const run = (xs: tf.Tensor3D, ws: FusedWeights, h: tf.Tensor2D) =>
      gruSequence(xs, ws, {
        mask,
        returnSequences: true,
        resetAfter: false,
        recurrentActivation: 'hardSigmoid',
        initialState: [h],
      });
    const loss = (xs: tf.Tensor3D, ws: FusedWeights, h: tf.Tensor2D) => {
      const { sequence, state } = run(xs, ws, h);
      return t.add(weighted(t, sequence!, 111), weighted(t, state[0]!, 112));
    };
    const { sequence, state } = run(x, w, h0);
    return [sequence!, state[0]!, ...gradsWithState(t, loss, x, w, h0)];
  },
};

const fusedRnnCase: ConformanceCase = {
  name: 'fused simple RNN (tanh) [3, 5, 4] -> 6 units, masked: sequence, h, and d/dx, dK, dR, db',
  tolerance: { gpu: gpuTolerance, cpu: cpuTolerance },
  run(t) {
    const x = t.tensor3d(seededValues(121, batch * time * inputSize), [batch, time, inputSize]);
    const w = seededWeights(t, 122, 1, [units]);
    const mask = t.tensor2d(maskValues, [batch, time]);
    const run = (xs: tf.Tensor3D, ws: FusedWeights) =>
      rnnSequence(xs, ws, { mask, returnSequences: true });
    const loss = (xs: tf.Tensor3D, ws: FusedWeights) => {
      const { sequence, state } = run(xs, ws);
      return t.add(weighted(t, sequence!, 131), weighted(t, state[0]!, 132));
    };
    const { sequence, state } = run(x, w);
    return [sequence!, state[0]!, ...gradsOf(t, loss, x, w)];
  },
};

const fusedRnnReluCase: ConformanceCase = {
  name: 'fused simple RNN (relu, reverse, initial state) [3, 5, 4] -> 6 units: h, and d/dx, dK, dR, db, dh0',
  tolerance: { gpu: gpuTolerance, cpu: cpuTolerance },
  run(t) {
    const x = t.tensor3d(seededValues(141, batch * time * inputSize), [batch, time, inputSize]);
    const w = seededWeights(t, 142, 1, [units]);
    const h0 = t.tensor2d(seededValues(145, batch * units, 0.5), [batch, units]);
    const run = (xs: tf.Tensor3D, ws: FusedWeights, h: tf.Tensor2D) =>
      rnnSequence(xs, ws, { activation: 'relu', reverse: true, initialState: [h] });
    const loss = (xs: tf.Tensor3D, ws: FusedWeights, h: tf.Tensor2D) =>
      weighted(t, run(xs, ws, h).state[0]!, 151);
    const { state } = run(x, w, h0);
    return [state[0]!, ...gradsWithState(t, loss, x, w, h0)];
  },
};

/** Token ids `[3, 5]` with repeats; 0 is padding (row 2's last two steps), as `maskValues`. */
const ids = [3, 1, 4, 1, 5, 2, 6, 5, 3, 5, 3, 5, 2, 0, 0];

const embeddingLstmCase: ConformanceCase = {
  name: 'embedding (maskZero, scatter gradient) -> fused LSTM: output and d/dTable, dK, dR, db',
  tolerance: { gpu: gpuTolerance, cpu: cpuTolerance },
  run(t) {
    const emb = embedding({ vocabSize: 7, dim: inputSize, maskZero: true, name: 'conformance' });
    try {
      emb.table.assign(t.tensor2d(seededValues(61, 7 * inputSize), [7, inputSize]));
      const tokens = t.tensor2d(ids, [batch, time], 'int32');
      const w = seededWeights(t, 62, 4, [4 * units]);
      const loss = (...args: tf.Tensor[]) => {
        const [, kernel, recurrentKernel, bias] = args as [
          tf.Tensor,
          tf.Tensor,
          tf.Tensor,
          tf.Tensor,
        ];
        const { output, mask } = emb.apply(tokens); // the table is emb.table, args[0]
        const { output: h } = lstmSequence(
          output as tf.Tensor3D,
          { kernel, recurrentKernel, bias },
          { mask: mask as tf.Tensor2D },
        );
        return weighted(t, h, 71);
      };
      const { output, mask } = emb.apply(tokens);
      const { output: h } = lstmSequence(output as tf.Tensor3D, w, { mask: mask as tf.Tensor2D });
      return [h, ...t.grads(loss)([emb.table, w.kernel, w.recurrentKernel, w.bias])];
    } finally {
      emb.table.dispose(); // a variable outlives tf.tidy
    }
  },
};

// Our step programs each case must dispatch on webgpu (forward and backward; see fused/webgpu/).
const lstmPrograms = ['recurrentLstmForward', 'recurrentLstmBackward', 'recurrentStridedProduct'];
const gruPrograms = ['recurrentGruForward', 'recurrentGruBackward', 'recurrentStridedProduct'];
const gruBeforePrograms = [
  'recurrentGruBeforeGates',
  'recurrentGruBeforeState',
  'recurrentGruBeforeCandidateGrad',
  'recurrentGruBeforeGateGrads',
];
const rnnPrograms = ['recurrentRnnForward', 'recurrentRnnBackward', 'recurrentStridedProduct'];

export const fusedCases: readonly ConformanceCase[] = [
  expectPrograms(fusedLstmCase, lstmPrograms),
  expectPrograms(fusedLstmVariantsCase, lstmPrograms),
  expectPrograms(fusedGruCase, gruPrograms),
  expectPrograms(fusedGruBeforeCase, gruBeforePrograms),
  expectPrograms(fusedRnnCase, rnnPrograms),
  expectPrograms(fusedRnnReluCase, rnnPrograms),
  expectPrograms(embeddingLstmCase, lstmPrograms),
];
