// Runs in headless Chromium (Debian's /usr/bin/chromium with --enable-unsafe-webgpu, which
// gives a software WebGPU adapter here). The page serves the wasm files through Vite.
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../select-backend.js';
import { describeBackend } from './describe-backend.js';

const wasmPaths = {
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
};

describe('selectBackend in Chromium', () => {
  it('auto picks webgpu and explains why node and node-gpu are not used', async () => {
    const selection = await selectBackend('auto', { wasmPaths });
    expect(selection.runtime).toBe('browser');
    expect(selection.name).toBe('webgpu');
    expect(selection.report.map((r) => r.name)).toEqual([
      'webgpu',
      'webgl',
      'wasm',
      'cpu',
      'node-gpu',
      'node',
    ]);
    expect(selection.report.find((r) => r.name === 'node-gpu')?.reason).toBe(
      '@tensorflow/tfjs-node-gpu runs only in Node',
    );
    expect(selection.report.find((r) => r.name === 'webgl')?.available).toBe(true);
  });
});

describeBackend('webgpu', { activate: () => selectBackend('webgpu') });
describeBackend('webgl', { activate: () => selectBackend('webgl') });
describeBackend('wasm', { activate: () => selectBackend('wasm', { wasmPaths }) });
