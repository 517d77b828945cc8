/**
 * node-webgpu's choices with a fake Dawn (the npm package `webgpu`) injected: what auto does
 * with a hardware and with a software adapter, and what every refusal says. The real Dawn runs
 * in conformance/node-webgpu.test.ts.
 */

import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { ModuleImporter } from '../backend-adapter.js';
import { defaultImporter } from '../default-importer.js';
import { selectBackend } from '../select-backend.js';
import { cpuAdapter } from './cpu.js';
import { describeDawnAdapter, isSoftwareAdapter, nodeWebgpuAdapter } from './node-webgpu.js';

interface FakeAdapterInfo {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
}

/** A Dawn whose backends answer `adapters[flags]`, recording every create() and request. */
function fakeDawn(adapters: Record<string, FakeAdapterInfo | null>) {
  const calls: string[] = [];
  const module = {
    globals: { GPUBufferUsage: { MAP_READ: 1 } },
    create(flags: string[]) {
      const key = flags.join(',') || 'default';
      calls.push(`create ${key}`);
      return {
        async requestAdapter(options?: Record<string, unknown>) {
          calls.push(`request ${key} ${JSON.stringify(options ?? {})}`);
          const info = adapters[key];
          return info ? { info } : null;
        },
      };
    },
  };
  return { module, calls };
}

/** An importer that serves the fake Dawn, a fake tfjs-backend-webgpu, and the real rest. */
function importerFor(dawn: object, registerWebgpu = true): ModuleImporter {
  return async (specifier) => {
    if (specifier === 'webgpu') return dawn;
    if (specifier === '@tensorflow/tfjs-backend-webgpu') {
      // Stands in for the real package: a 'webgpu' backend (cpu maths) registered on import.
      if (registerWebgpu && !tf.findBackendFactory('webgpu')) {
        tf.registerBackend('webgpu', () => new MathBackendCPU());
      }
      return {};
    }
    if (specifier === 'node:fs') {
      return { existsSync: (p: string) => p.endsWith('libvulkan.so.1') };
    }
    return defaultImporter(specifier);
  };
}

const llvmpipe = {
  device: 'llvmpipe-llvm-15-0-6-256-bits-',
  description: 'OpenGL version OpenGL ES 3.2 Mesa 22.3.6',
};
const nvidia = { vendor: 'nvidia', architecture: 'hopper', description: 'NVIDIA 550.54' };

describe('node-webgpu', () => {
  it('names adapters and tells software from hardware', () => {
    expect(describeDawnAdapter({ info: llvmpipe })).toBe(
      'llvmpipe-llvm-15-0-6-256-bits (OpenGL ES 3.2 Mesa 22.3.6)',
    );
    expect(isSoftwareAdapter({ info: llvmpipe })).toBe(true);
    expect(isSoftwareAdapter({ info: { vendor: 'google', architecture: 'swiftshader' } })).toBe(
      true,
    );
    expect(isSoftwareAdapter({ info: nvidia })).toBe(false);
    expect(isSoftwareAdapter({ info: nvidia, isFallbackAdapter: true })).toBe(true);
  });

  it('auto takes a hardware adapter ahead of wasm, without trying OpenGL ES', async () => {
    const dawn = fakeDawn({ default: nvidia, 'backend=opengles': llvmpipe });
    const selection = await selectBackend('auto', {
      adapters: [nodeWebgpuAdapter, cpuAdapter],
      importModule: importerFor(dawn.module),
    });
    expect(selection.name).toBe('node-webgpu');
    expect(selection.detail).toBe('hardware adapter via default: nvidia hopper (NVIDIA 550.54)');
    expect(tf.getBackend()).toBe('webgpu');
    expect(dawn.calls).toEqual(['create default', 'request default {}']);
    const gpu = (globalThis as { navigator?: { gpu?: { requestAdapter: unknown } } }).navigator
      ?.gpu;
    expect(typeof gpu?.requestAdapter).toBe('function');
    await tf.setBackend('cpu');
  });

  it('auto passes a software adapter by and says why; by name it is used', async () => {
    const dawn = fakeDawn({ default: { vendor: 'google', architecture: 'swiftshader' } });
    const importModule = importerFor(dawn.module);
    const auto = await selectBackend('auto', {
      adapters: [nodeWebgpuAdapter, cpuAdapter],
      importModule,
    });
    expect(auto.name).toBe('cpu');
    const entry = auto.report.find((r) => r.name === 'node-webgpu');
    expect(entry).toMatchObject({ available: true, chosen: false, tried: true });
    expect(entry?.reason).toMatch(
      /only a software adapter \(google swiftshader\), slower than wasm; choose it by name \(--backend node-webgpu\)/,
    );
    const named = await selectBackend('node-webgpu', {
      adapters: [nodeWebgpuAdapter, cpuAdapter],
      importModule,
    });
    expect(named.detail).toBe('software adapter via default: google swiftshader');
    await tf.setBackend('cpu');
  });

  it('by name, finds llvmpipe through OpenGL ES in compatibility mode and passes the level on to tfjs', async () => {
    const dawn = fakeDawn({ default: null, 'backend=opengles': llvmpipe });
    const selection = await selectBackend('node-webgpu', {
      adapters: [nodeWebgpuAdapter, cpuAdapter],
      importModule: importerFor(dawn.module),
    });
    expect(selection.detail).toBe(
      'software adapter via opengles: llvmpipe-llvm-15-0-6-256-bits (OpenGL ES 3.2 Mesa 22.3.6)',
    );
    const gpu = (
      globalThis as {
        navigator: { gpu: { requestAdapter(o?: object): Promise<unknown> } };
      }
    ).navigator.gpu;
    await gpu.requestAdapter({ powerPreference: 'high-performance' });
    expect(dawn.calls.at(-1)).toBe(
      'request backend=opengles {"powerPreference":"high-performance","featureLevel":"compatibility"}',
    );
    await tf.setBackend('cpu');
  });

  it('explains a missing package, a missing adapter and a missing tfjs-backend-webgpu', async () => {
    const missing: ModuleImporter = async (specifier) => {
      if (specifier === 'webgpu') {
        throw Object.assign(new Error("Cannot find package 'webgpu' imported from x"), {
          code: 'ERR_MODULE_NOT_FOUND',
        });
      }
      return defaultImporter(specifier);
    };
    await expect(
      selectBackend('node-webgpu', {
        adapters: [nodeWebgpuAdapter, cpuAdapter],
        importModule: missing,
      }),
    ).rejects.toThrow(
      /Backend "node-webgpu" is not available: the npm package `webgpu` \(Dawn for Node\) is not installed\. Install it with `pnpm add webgpu@0\.6\.2 @tensorflow\/tfjs-backend-webgpu@4\.22\.0`/,
    );

    const none = fakeDawn({ default: null, 'backend=opengles': null });
    await expect(
      selectBackend('node-webgpu', {
        adapters: [nodeWebgpuAdapter, cpuAdapter],
        importModule: importerFor(none.module),
      }),
    ).rejects.toThrow(
      /Dawn found no GPU adapter \(Vulkan is installed but offered none.*\), and OpenGL ES found no EGL device \(without a GPU, install Mesa’s `libegl-mesa0`/,
    );

    const noTfjs = fakeDawn({ default: nvidia });
    const base = importerFor(noTfjs.module);
    const withoutBackend: ModuleImporter = async (specifier) => {
      if (specifier === '@tensorflow/tfjs-backend-webgpu') {
        throw Object.assign(
          new Error("Cannot find package '@tensorflow/tfjs-backend-webgpu' imported from x"),
          { code: 'ERR_MODULE_NOT_FOUND' },
        );
      }
      return base(specifier);
    };
    await expect(
      selectBackend('node-webgpu', {
        adapters: [nodeWebgpuAdapter, cpuAdapter],
        importModule: withoutBackend,
      }),
    ).rejects.toThrow(
      /@tensorflow\/tfjs-backend-webgpu is not installed\. Install it with `pnpm add @tensorflow\/tfjs-backend-webgpu@4\.22\.0`/,
    );
  });

  it('refuses in the browser', async () => {
    await expect(
      nodeWebgpuAdapter.probe({ runtime: 'browser', importModule: defaultImporter }),
    ).resolves.toEqual({
      available: false,
      reason: 'runs only in Node (browsers have the webgpu backend)',
    });
  });
});
