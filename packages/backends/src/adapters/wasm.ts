/**
 * WebAssembly backend (`@tensorflow/tfjs-backend-wasm`, an optional peer): SIMD, and threads
 * where the page is cross-origin isolated. In Node the `.wasm` files are found next to the
 * installed package; in a browser the app serves them and passes `wasmPaths`.
 */

import { BackendError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import type { AdapterContext, BackendAdapter } from '../backend-adapter.js';
import { firstLine } from '../default-importer.js';
import { activateRegistered } from './activate-registered.js';

const WASM_PACKAGE = '@tensorflow/tfjs-backend-wasm';
const NODE_MODULE = 'node:module';

async function nodeWasmDir(context: AdapterContext): Promise<string> {
  const { createRequire } = (await context.importModule(
    NODE_MODULE,
  )) as typeof import('node:module');
  const packageJson = createRequire(import.meta.url).resolve(`${WASM_PACKAGE}/package.json`);
  return `${packageJson.slice(0, packageJson.length - 'package.json'.length)}dist/`;
}

export const wasmAdapter: BackendAdapter = {
  name: 'wasm',
  tfjsName: 'wasm',
  priority: { node: 20, browser: 20 },
  async probe() {
    if (typeof WebAssembly !== 'object')
      return { available: false, reason: 'WebAssembly is not supported by this runtime' };
    return { available: true };
  },
  async activate(context) {
    let wasm: typeof import('@tensorflow/tfjs-backend-wasm');
    try {
      wasm = await import('@tensorflow/tfjs-backend-wasm');
    } catch (error) {
      throw new BackendError(
        `wasm: ${WASM_PACKAGE} is not installed or failed to load (${firstLine(error)}). Install it with \`pnpm add ${WASM_PACKAGE}@4.22.0\`.`,
        {
          cause: error,
        },
      );
    }
    const paths =
      context.wasmPaths ?? (context.runtime === 'node' ? await nodeWasmDir(context) : undefined);
    if (paths !== undefined) {
      // Setting paths after the backend initialised throws in tfjs; only set them once.
      if (!tf.engine().registry.wasm) wasm.setWasmPaths(paths as string);
    }
    await activateRegistered(tf, 'wasm', 'wasm');
    const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT');
    const threads = tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT');
    return `SIMD ${simd ? 'on' : 'off'}, threads ${threads ? `on (${wasm.getThreadsCount()})` : 'off'}`;
  },
};
