/**
 * Test helpers: pick the cpu or the wasm backend in Node (wasm found next to its package,
 * 1 thread). Libraries never pick a backend; only tests and apps do.
 *
 * tfjs-core alone registers no gradients (the `@tensorflow/tfjs` union package does), so
 * the tests register them here, as an app must; the library itself does not, because the
 * ESM file cannot be imported by plain Node (extensionless relative imports).
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';

let wasmReady = false;

/** Switches to the named backend (registering wasm's files on first use). */
export async function useBackend(name: 'cpu' | 'wasm'): Promise<void> {
  if (name === 'wasm' && !wasmReady) {
    const pkg = createRequire(import.meta.url).resolve(
      '@tensorflow/tfjs-backend-wasm/package.json',
    );
    setWasmPaths(`${path.dirname(pkg)}/dist/`);
    wasmReady = true;
  }
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`test setup: the ${name} backend did not initialise`);
}
