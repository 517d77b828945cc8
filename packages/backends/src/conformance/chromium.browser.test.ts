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
  it('auto passes the software webgpu and webgl by, picks wasm, and explains every other', async () => {
    const selection = await selectBackend('auto', { wasmPaths });
    expect(selection.runtime).toBe('browser');
    expect(selection.name).toBe('wasm');
    expect(selection.report.map((r) => r.name)).toEqual([
      'webgpu',
      'webgl',
      'wasm',
      'cpu',
      'node-gpu',
      'node',
      'node-webgpu',
    ]);
    const byName = Object.fromEntries(selection.report.map((r) => [r.name, r]));
    expect(byName['node-gpu']?.reason).toBe('@tensorflow/tfjs-node-gpu runs only in Node');
    expect(byName['node-webgpu']?.reason).toBe(
      'runs only in Node (browsers have the webgpu backend)',
    );
    // SwiftShader: available, but passed by, and the reason names what was seen.
    expect(byName.webgpu).toMatchObject({ available: true, chosen: false, tried: true });
    expect(byName.webgpu?.reason).toMatch(/^only a software adapter \(.*swiftshader.*\)/i);
    expect(byName.webgl).toMatchObject({ available: true, chosen: false, tried: true });
    expect(byName.webgl?.reason).toMatch(/^only a software renderer \(.*SwiftShader.*\)/i);
  });
});

describeBackend('webgpu', { activate: () => selectBackend('webgpu') });
describeBackend('webgl', { activate: () => selectBackend('webgl') });
describeBackend('wasm', { activate: () => selectBackend('wasm', { wasmPaths }) });
