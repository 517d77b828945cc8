/**
 * WebGPU in Node: `@tensorflow/tfjs-backend-webgpu` over Dawn's Node bindings (the npm package
 * `webgpu`, which ships a prebuilt `dawn.node`). Both are optional peers, loaded by a dynamic
 * import only when probed.
 *
 * Dawn is asked for an adapter twice: first its default backend (Vulkan, Metal or D3D12: a
 * real GPU where its driver is installed), then OpenGL ES in compatibility mode, which finds
 * Mesa's llvmpipe through EGL on a machine without a GPU (`libegl-mesa0`; `EGL_PLATFORM` is set
 * to `surfaceless` when unset, since there is no display). A software adapter (llvmpipe,
 * SwiftShader, lavapipe) runs, but slower than wasm, so `selectBackend('auto')` passes it by
 * and says so; `--backend node-webgpu` still uses it. Under auto the OpenGL ES search is not
 * made at all, and neither is the Vulkan one where no Vulkan loader is installed: each prints
 * Dawn warnings on stderr, which a plain `recurrent train` should not show.
 *
 * tfjs-backend-webgpu reads `navigator.gpu` and the `GPU*` constants from the global scope:
 * on Node 20 there is no `navigator`, so one holding `gpu` is defined, and the package's
 * `globals` fill in the constants that are missing. Its synchronous reads (`dataSync`) need
 * `OffscreenCanvas`, which Node lacks: use `data()`, as every path of this project does.
 */

import { BackendError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import type { AdapterContext, Availability, BackendAdapter } from '../backend-adapter.js';
import { firstLine, isModuleNotFound } from '../default-importer.js';
import { activateRegistered } from './activate-registered.js';
import { patchWebgpuInt32Transpose } from './webgpu-int32-transpose.js';

/** The parts of a Dawn adapter read here. */
export interface DawnAdapterLike {
  readonly isFallbackAdapter?: boolean;
  readonly info?: {
    readonly vendor?: string;
    readonly architecture?: string;
    readonly device?: string;
    readonly description?: string;
    readonly isFallbackAdapter?: boolean;
  };
}

interface DawnGpuLike {
  requestAdapter(options?: Record<string, unknown>): Promise<DawnAdapterLike | null>;
}

/** The parts of the npm package `webgpu` used here. */
interface DawnModuleLike {
  create(flags: string[]): DawnGpuLike;
  readonly globals?: Record<string, unknown>;
}

/** An adapter Dawn found, and how. */
export interface FoundDawnAdapter {
  readonly gpu: DawnGpuLike;
  readonly adapter: DawnAdapterLike;
  /** 'default' (Vulkan/Metal/D3D12) or 'opengles' (compatibility mode). */
  readonly via: 'default' | 'opengles';
  /** Vendor, device and driver, as Dawn reports them. */
  readonly description: string;
  readonly software: boolean;
}

const SOFTWARE = /llvmpipe|lavapipe|swiftshader|softpipe|software/i;

/** One line naming an adapter, e.g. `llvmpipe-llvm-15-0-6-256-bits (OpenGL ES 3.2 Mesa 22.3.6)`. */
export function describeDawnAdapter(adapter: DawnAdapterLike): string {
  const info = adapter.info ?? {};
  const name = [info.vendor, info.architecture, info.device?.replace(/-+$/, '')]
    .filter(Boolean)
    .join(' ');
  const driver = info.description?.replace(/^OpenGL version /, '');
  return [name || 'unnamed adapter', driver ? `(${driver})` : ''].filter(Boolean).join(' ');
}

/** True for CPU implementations of a GPU (and adapters that call themselves fallbacks). */
export function isSoftwareAdapter(adapter: DawnAdapterLike): boolean {
  const info = adapter.info ?? {};
  if (adapter.isFallbackAdapter || info.isFallbackAdapter) return true;
  return SOFTWARE.test([info.vendor, info.architecture, info.device, info.description].join(' '));
}

const NOT_INSTALLED =
  'the npm package `webgpu` (Dawn for Node) is not installed. Install it with `pnpm add webgpu@0.6.2 @tensorflow/tfjs-backend-webgpu@4.22.0`';

/** One search per importer and scope (the real importer in a process; tests inject theirs). */
const found = new WeakMap<
  AdapterContext['importModule'],
  Map<boolean, Promise<FoundDawnAdapter | string>>
>();

/** Where the Vulkan loader may be; Dawn prints a warning when it tries and finds none. */
async function hasVulkanLoader(context: AdapterContext): Promise<boolean> {
  if (process.platform !== 'linux') return true;
  const fs = (await context.importModule('node:fs')) as { existsSync(p: string): boolean };
  const dirs = [
    ...(process.env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean),
    '/usr/lib/x86_64-linux-gnu',
    '/usr/lib/aarch64-linux-gnu',
    '/usr/lib64',
    '/usr/lib',
    '/usr/local/lib',
  ];
  return dirs.some((dir) => fs.existsSync(`${dir}/libvulkan.so.1`));
}

async function findAdapter(
  context: AdapterContext,
  softwareToo: boolean,
): Promise<FoundDawnAdapter | string> {
  let dawn: DawnModuleLike;
  try {
    dawn = (await context.importModule('webgpu')) as DawnModuleLike;
  } catch (error) {
    return isModuleNotFound(error, 'webgpu')
      ? NOT_INSTALLED
      : `the npm package \`webgpu\` failed to load: ${firstLine(error)}`;
  }
  if (typeof dawn.create !== 'function') {
    return 'the npm package `webgpu` has no create() (expected webgpu 0.6.x, Dawn for Node)';
  }
  const vulkan = await hasVulkanLoader(context);
  const tries: Array<{
    via: 'default' | 'opengles';
    flags: string[];
    options: Record<string, unknown>;
  }> = [];
  if (vulkan) tries.push({ via: 'default', flags: [], options: {} });
  if (softwareToo) {
    if (process.env.EGL_PLATFORM === undefined) process.env.EGL_PLATFORM = 'surfaceless';
    tries.push({
      via: 'opengles',
      flags: ['backend=opengles'],
      options: { featureLevel: 'compatibility' },
    });
  }
  for (const { via, flags, options } of tries) {
    const gpu = dawn.create(flags);
    const adapter = await gpu.requestAdapter(options).catch(() => null);
    if (!adapter) continue;
    for (const [key, value] of Object.entries(dawn.globals ?? {})) {
      if (!(key in globalThis)) Object.assign(globalThis, { [key]: value });
    }
    // tfjs asks without a feature level; the OpenGL ES adapter exists only in compatibility mode.
    const forTfjs: DawnGpuLike = {
      requestAdapter: (o) => gpu.requestAdapter({ ...o, ...options }),
    };
    return {
      gpu: forTfjs,
      adapter,
      via,
      description: describeDawnAdapter(adapter),
      software: isSoftwareAdapter(adapter),
    };
  }
  const noGpu = vulkan
    ? 'Dawn found no GPU adapter (Vulkan is installed but offered none: is the GPU vendor’s Vulkan driver installed?)'
    : 'Dawn found no GPU adapter (no Vulkan loader: install libvulkan1 and the GPU vendor’s Vulkan driver)';
  return softwareToo
    ? `${noGpu}, and OpenGL ES found no EGL device (without a GPU, install Mesa’s \`libegl-mesa0\` for the llvmpipe software adapter)`
    : `${noGpu}; auto does not look for a software adapter (slower than wasm): \`--backend node-webgpu\` does`;
}

/**
 * Finds Dawn's adapter once per process: a hardware GPU through Dawn's default backend, then,
 * when `softwareToo`, a software one through OpenGL ES (compatibility mode).
 */
export function findDawnAdapter(
  context: AdapterContext,
  softwareToo = true,
): Promise<FoundDawnAdapter | string> {
  let byScope = found.get(context.importModule);
  if (!byScope) {
    byScope = new Map();
    found.set(context.importModule, byScope);
  }
  let search = byScope.get(softwareToo);
  if (!search) {
    search = findAdapter(context, softwareToo);
    byScope.set(softwareToo, search);
  }
  return search;
}

function installNavigator(gpu: DawnGpuLike): void {
  const scope = globalThis as { navigator?: { gpu?: unknown } };
  if (scope.navigator === undefined) {
    Object.defineProperty(globalThis, 'navigator', {
      value: { gpu },
      configurable: true,
      writable: true,
    });
  } else if (scope.navigator.gpu !== gpu) {
    Object.defineProperty(scope.navigator, 'gpu', { value: gpu, configurable: true });
  }
}

export const nodeWebgpuAdapter: BackendAdapter = {
  name: 'node-webgpu',
  tfjsName: 'webgpu',
  priority: { node: 25 },
  async probe(context): Promise<Availability> {
    if (context.runtime !== 'node') {
      return { available: false, reason: 'runs only in Node (browsers have the webgpu backend)' };
    }
    // A software adapter only when node-webgpu itself is asked for: auto passes it by, and the
    // report's probe after another named backend (`selectBackend('wasm')`) must not start Dawn
    // on OpenGL ES (it prints Dawn's limit warnings and costs a device).
    const result = await findDawnAdapter(context, context.request === 'node-webgpu');
    if (typeof result === 'string') return { available: false, reason: result };
    const detail = `${result.software ? 'software' : 'hardware'} adapter via ${result.via}: ${result.description}`;
    return result.software
      ? {
          available: true,
          detail,
          skipInAuto: `only a software adapter (${result.description}), slower than wasm; choose it by name (--backend node-webgpu) to use it anyway`,
        }
      : { available: true, detail };
  },
  async activate(context) {
    const result = await findDawnAdapter(context, context.request === 'node-webgpu');
    if (typeof result === 'string') throw new BackendError(`node-webgpu: ${result}.`);
    installNavigator(result.gpu);
    try {
      await context.importModule('@tensorflow/tfjs-backend-webgpu');
    } catch (error) {
      throw new BackendError(
        isModuleNotFound(error, '@tensorflow/tfjs-backend-webgpu')
          ? 'node-webgpu: @tensorflow/tfjs-backend-webgpu is not installed. Install it with `pnpm add @tensorflow/tfjs-backend-webgpu@4.22.0`.'
          : `node-webgpu: @tensorflow/tfjs-backend-webgpu failed to load (${firstLine(error)}).`,
        { cause: error },
      );
    }
    await activateRegistered(tf, 'node-webgpu', 'webgpu');
    patchWebgpuInt32Transpose(tf);
    return `${result.software ? 'software' : 'hardware'} adapter via ${result.via}: ${result.description}`;
  },
};
