import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { selectBackend } from './select-backend.js';

/** A module that fails to load the way tfjs-node-gpu does on a CUDA 12 machine. */
function brokenNodeGpuModule(message: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fake-tfjs-node-gpu-'));
  const file = path.join(dir, 'index.mjs');
  writeFileSync(file, `throw new Error(${JSON.stringify(message)});\n`);
  return pathToFileURL(file).href;
}

describe('selectBackend in Node', () => {
  it('auto picks wasm and explains why node-gpu, node, node-webgpu, webgpu and webgl are not used', async () => {
    const selection = await selectBackend('auto');
    expect(selection.runtime).toBe('node');
    expect(selection.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(selection.detail).toMatch(/SIMD on/);
    const byName = Object.fromEntries(selection.report.map((r) => [r.name, r]));
    expect(selection.report.map((r) => r.name)).toEqual([
      'node-gpu',
      'node',
      'node-webgpu',
      'wasm',
      'cpu',
      'webgpu',
      'webgl',
    ]);
    expect(byName['node-gpu']?.reason).toMatch(
      /@tensorflow\/tfjs-node-gpu is not installed\. Install it with `pnpm add @tensorflow\/tfjs-node-gpu@4\.22\.0`; it needs Linux x86-64 with CUDA 11\.2 and cuDNN 8\.1/,
    );
    expect(byName.node?.reason).toMatch(/@tensorflow\/tfjs-node is not installed/);
    // This machine has no GPU: auto looks for a hardware adapter only, and says how to get llvmpipe.
    expect(byName['node-webgpu']).toMatchObject({ chosen: false, tried: true });
    expect(byName['node-webgpu']?.reason).toMatch(
      /Dawn found no GPU adapter .*--backend node-webgpu/,
    );
    expect(byName.webgpu?.reason).toBe('navigator.gpu is undefined (Node has no WebGPU)');
    expect(byName.webgl?.reason).toMatch(/WebGL needs a browser/);
    expect(byName.cpu).toMatchObject({ available: true, chosen: false, tried: false });
    expect(byName.wasm).toMatchObject({ available: true, chosen: true });
  });

  it('activates a named backend', async () => {
    const selection = await selectBackend('cpu');
    expect(selection.name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('lists the known backends for an unknown name', async () => {
    await expect(selectBackend('tpu' as never)).rejects.toThrow(
      'Unknown backend "tpu". Available: auto, node-gpu, node, node-webgpu, webgpu, webgl, wasm, cpu.',
    );
  });

  it('fails for an unavailable backend unless fallback is allowed', async () => {
    await expect(selectBackend('webgpu')).rejects.toThrow(
      /Backend "webgpu" is not available: navigator\.gpu is undefined .* Pass allowFallback/,
    );
    const fallback = await selectBackend('webgpu', { allowFallback: true });
    expect(fallback.name).toBe('wasm');
    expect(fallback.report.find((r) => r.name === 'webgpu')?.reason).toMatch(
      /navigator\.gpu is undefined/,
    );
  });

  it('explains a tfjs-node-gpu that is installed but cannot find CUDA 11 (libcudart.so.11.0), and falls back', async () => {
    const broken = brokenNodeGpuModule(
      'libcudart.so.11.0: cannot open shared object file: No such file or directory',
    );
    const importModule = (spec: string) =>
      spec === '@tensorflow/tfjs-node-gpu' ? import(broken) : import(spec);
    await expect(selectBackend('node-gpu', { importModule })).rejects.toThrow(
      /node-gpu" is not available: @tensorflow\/tfjs-node-gpu is installed but failed to load: libcudart\.so\.11\.0 was not found\. tfjs-node-gpu needs Linux x86-64 with CUDA 11\.2 and cuDNN 8\.1 \(tfjs-node-gpu is built against libtensorflow 2\.9\.1\); machines with CUDA 12/,
    );
    const selection = await selectBackend('node-gpu', { importModule, allowFallback: true });
    expect(selection.name).toBe('wasm');
    expect(selection.report[0]).toMatchObject({ name: 'node-gpu', available: false, tried: true });
    expect(selection.report[0]?.reason).toMatch(/libcudart\.so\.11\.0 was not found/);
  });

  it('explains a missing cuDNN 8 and other load failures', async () => {
    for (const [message, expected] of [
      [
        'libcudnn.so.8: cannot open shared object file',
        /libcudnn\.so\.8 was not found\. It needs cuDNN 8\.1/,
      ],
      [
        "Cannot find module '/x/lib/napi-v8/tfjs_binding.node'",
        /native binding is missing or broken/,
      ],
      ['something else broke', /failed to load: something else broke/],
    ] as const) {
      const broken = brokenNodeGpuModule(message);
      const selection = await selectBackend('auto', {
        importModule: (spec) =>
          spec === '@tensorflow/tfjs-node-gpu' ? import(broken) : import(spec),
      });
      expect(selection.report[0]?.reason).toMatch(expected);
    }
  });

  it('honours prefer', async () => {
    const selection = await selectBackend('auto', { prefer: ['cpu'] });
    expect(selection.name).toBe('cpu');
    await expect(selectBackend('auto', { prefer: ['gpu' as never] })).rejects.toThrow(
      /unknown backend "gpu" in prefer/,
    );
  });
});
