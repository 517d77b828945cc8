/** WebGPU backend (`@tensorflow/tfjs-backend-webgpu`, an optional peer), browsers only. */

import { BackendError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import type { BackendAdapter } from '../backend-adapter.js';
import { firstLine } from '../default-importer.js';
import { activateRegistered } from './activate-registered.js';

interface GpuAdapterLike {
  readonly isFallbackAdapter?: boolean;
  readonly info?: { vendor?: string; architecture?: string; description?: string };
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
    return {
      available: true,
      detail: adapter.isFallbackAdapter ? 'software fallback adapter' : 'hardware adapter',
    };
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
    const adapter = await gpu()
      ?.requestAdapter()
      .catch(() => null);
    const info = adapter?.info;
    const name =
      [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ') ||
      'unknown GPU';
    return adapter?.isFallbackAdapter ? `software adapter (${name})` : name;
  },
};
