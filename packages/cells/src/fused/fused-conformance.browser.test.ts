/// <reference path="../../../backends/src/wasm-assets.d.ts" />
/**
 * The fused paths in the backend conformance suite (`describeBackend` from
 * `@recurrent/backends/conformance`), in headless Chromium: webgpu and webgl (SwiftShader,
 * float32) and wasm each run the fused LSTM, GRU (resetAfter true and false) and simple RNN
 * forward AND backward, and an embedding feeding a fused LSTM (fused-conformance-cases.ts),
 * and are compared with cpu in the same page; on webgpu each case also checks that our WGSL
 * step programs ran. The standard cases run in packages/backends; here `cases: []` keeps only ours.
 */
// Gradients: @recurrent/backends/conformance registers tfjs-core's (importing them here too
// loads a second copy in Vite's browser mode, which fails on 'DEBUG').
import { selectBackend } from '@recurrent/backends';
import { describeBackend, seededValues } from '@recurrent/backends/conformance';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  batch,
  fusedCases,
  fusedLstmCase,
  inputSize,
  maskValues,
  seededWeights,
  time,
  units,
} from '../test-utils/fused-conformance-cases.js';
import { lstmSequence } from './lstm-sequence.js';

const wasmPaths = {
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
};

describeBackend('webgpu', {
  activate: () => selectBackend('webgpu'),
  cases: [],
  extraCases: fusedCases,
});
describeBackend('webgl', {
  activate: () => selectBackend('webgl'),
  cases: [],
  extraCases: fusedCases,
});
describeBackend('wasm', {
  activate: () => selectBackend('wasm', { wasmPaths }),
  cases: [],
  extraCases: fusedCases,
});

describe('fused paths on the browser wasm backend', () => {
  beforeAll(async () => {
    await import('@tensorflow/tfjs-backend-cpu');
    await selectBackend('wasm', { wasmPaths });
  });

  it('run our RecurrentSlice2D heap-slice kernel, forward and backward', async () => {
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const slices = (info: Awaited<ReturnType<typeof tf.profile>>) =>
      info.kernels.filter((k) => k.name === 'RecurrentSlice2D').length;
    // tf.profile returns one engine-owned object each time: read it before the next profile.
    const forward = await tf.profile(() =>
      tf.tidy(() => {
        const x = tf.tensor3d(seededValues(21, batch * time * inputSize), [batch, time, inputSize]);
        const mask = tf.tensor2d(maskValues, [batch, time]);
        const w = seededWeights(tf, 22, 4, [4 * units]);
        return lstmSequence(x, w, { mask, returnSequences: true }).sequence!;
      }),
    );
    const forwardSlices = slices(forward);
    tf.dispose(forward.result as tf.Tensor);
    // The case runs the forward pass twice (values, then under the tape) and the backward once.
    const withBackward = await tf.profile(() => tf.tidy(() => fusedLstmCase.run(tf)));
    const allSlices = slices(withBackward);
    tf.dispose(withBackward.result as tf.Tensor[]);
    expect(forwardSlices).toBeGreaterThan(0);
    expect(allSlices).toBeGreaterThan(2 * forwardSlices);
    expect(tf.memory().numTensors).toBe(before);
  });
});
