/**
 * WebGPU backend (`@tensorflow/tfjs-backend-webgpu`, an optional peer), browsers only.
 *
 * A browser without a GPU may still offer WebGPU on a software adapter (Chromium: SwiftShader).
 * It works, but far slower than wasm (the char-LM page: about 50 s to its first character
 * against 3 s), so auto passes it by and says why; `?backend=webgpu` still uses it.
 */

import { BackendError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import type { BackendAdapter } from '../backend-adapter.js';
import { firstLine } from '../default-importer.js';
import { activateRegistered } from './activate-registered.js';
import { patchWebgpuInt32Transpose } from './webgpu-int32-transpose.js';

interface GpuAdapterLike {
  readonly isFallbackAdapter?: boolean;
  readonly info?: {
    vendor?: string;
    architecture?: string;
    device?: string;
    description?: string;
    isFallbackAdapter?: boolean;
  };
}

const SOFTWARE_GPU = /swiftshader|llvmpipe|lavapipe|softpipe|software|basic render/i;

/** True for a CPU implementation of WebGPU (and for adapters that call themselves fallbacks). */
export function isSoftwareWebgpuAdapter(adapter: GpuAdapterLike): boolean {
  const info = adapter.info ?? {};
  if (adapter.isFallbackAdapter || info.isFallbackAdapter) return true;
  return SOFTWARE_GPU.test(
    [info.vendor, info.architecture, info.device, info.description].join(' '),
  );
}

function adapterName(adapter: GpuAdapterLike | null | undefined): string {
  const info = adapter?.info;
  return (
    [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ') || 'unknown GPU'
  );
}
interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>;
}

function gpu(): GpuLike | undefined {
  return (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu;
}

export const webgpuAdapter: BackendAdapter = {
  name: 'webgpu',
  tfjsName: 'webgpu',
  priority: { browser: 40 },
  async probe(context) {
    const g = gpu();
    if (!g) {
      return {
        available: false,
        reason:
          context.runtime === 'node'
            ? 'navigator.gpu is undefined (Node has no WebGPU)'
            : 'navigator.gpu is undefined (this browser has WebGPU off)',
      };
    }
    const adapter = await g.requestAdapter().catch(() => null);
    if (!adapter)
      return {
        available: false,
        reason: 'navigator.gpu.requestAdapter() returned null (no usable GPU adapter)',
      };
    if (isSoftwareWebgpuAdapter(adapter)) {
      return {
        available: true,
        detail: `software adapter (${adapterName(adapter)})`,
        skipInAuto: `only a software adapter (${adapterName(adapter)}), slower than wasm; ask for webgpu by name to use it anyway`,
      };
    }
    return { available: true, detail: `hardware adapter (${adapterName(adapter)})` };
  },
  async activate() {
    try {
      await import('@tensorflow/tfjs-backend-webgpu');
    } catch (error) {
      throw new BackendError(
        `webgpu: @tensorflow/tfjs-backend-webgpu is not installed or failed to load (${firstLine(error)}).`,
        { cause: error },
      );
    }
    await activateRegistered(tf, 'webgpu', 'webgpu');
    patchWebgpuInt32Transpose(tf);
    const adapter = await gpu()
      ?.requestAdapter()
      .catch(() => null);
    const name = adapterName(adapter);
    return adapter && isSoftwareWebgpuAdapter(adapter) ? `software adapter (${name})` : name;
  },
};
