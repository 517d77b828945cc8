/**
 * Starts a tfjs backend inside the worker with `selectBackend` from @recurrent/backends and
 * turns its report into a `BackendInfo` for the page. The wasm binaries are served by Vite
 * (`?url` imports), so the wasm backend finds them in dev and in the built site alike.
 */
import { type BackendSelection, selectBackend, tfjsVersion } from '@recurrent/backends';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendInfo, BackendRequest } from './protocol.js';

/** Absolute URLs: the wasm loader resolves them from inside its own (blob) threads too. */
const absolute = (url: string) => new URL(url, import.meta.url).href;

export const wasmPaths = Object.freeze({
  'tfjs-backend-wasm.wasm': absolute(wasmPlain),
  'tfjs-backend-wasm-simd.wasm': absolute(wasmSimd),
  'tfjs-backend-wasm-threaded-simd.wasm': absolute(wasmThreaded),
});

/**
 * Activates the requested backend; an explicit request that cannot run falls back to the best
 * available one (the report says why), so a shared link with `?backend=webgpu` still works.
 */
export async function initBackend(requested: BackendRequest): Promise<BackendInfo> {
  const selection: BackendSelection = await selectBackend(requested, {
    wasmPaths,
    allowFallback: true,
  });
  return {
    requested,
    name: selection.name,
    ...(selection.detail ? { detail: selection.detail } : {}),
    fellBack: requested !== 'auto' && selection.name !== requested,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    report: selection.report.map((entry) => ({ ...entry })),
    tfjsVersion,
  };
}
