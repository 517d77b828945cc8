/**
 * The native TensorFlow backends for Node: `@tensorflow/tfjs-node` (CPU, libtensorflow) and
 * `@tensorflow/tfjs-node-gpu` (CUDA). Both are optional peers: their install script downloads
 * libtensorflow, so they are loaded by a dynamic import only when chosen, and every way they
 * can fail is explained.
 */

import { BackendError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import type { BackendAdapter, BackendName } from '../backend-adapter.js';
import { firstLine, isModuleNotFound } from '../default-importer.js';
import { activateRegistered } from './activate-registered.js';

const CUDA_REQUIREMENT =
  'Linux x86-64 with CUDA 11.2 and cuDNN 8.1 (tfjs-node-gpu is built against libtensorflow 2.9.1)';

/** Turns a failed load of tfjs-node(-gpu) into a sentence that says what to do. */
export function explainNativeLoadError(
  name: BackendName,
  specifier: string,
  error: unknown,
): string {
  const line = firstLine(error);
  if (isModuleNotFound(error, specifier)) {
    const needs =
      name === 'node-gpu'
        ? `; it needs ${CUDA_REQUIREMENT}`
        : '; its install script downloads libtensorflow 2.9.1 for Linux, macOS or Windows x86-64';
    return `${specifier} is not installed. Install it with \`pnpm add ${specifier}@4.22.0\`${needs}.`;
  }
  const missingCuda =
    /lib(cudart|cublas|cublasLt|cufft|curand|cusolver|cusparse)\.so\.11(\.\d+)*/.exec(line);
  if (missingCuda) {
    return (
      `${specifier} is installed but failed to load: ${missingCuda[0]} was not found. tfjs-node-gpu needs ${CUDA_REQUIREMENT}; ` +
      'machines with CUDA 12 do not have the CUDA 11 libraries. Install the CUDA 11.2 runtime and cuDNN 8.1 and put them on LD_LIBRARY_PATH, or choose another backend.'
    );
  }
  const missingCudnn = /libcudnn[^\s:]*\.so\.8(\.\d+)*/.exec(line);
  if (missingCudnn) {
    return `${specifier} is installed but failed to load: ${missingCudnn[0]} was not found. It needs cuDNN 8.1 for CUDA 11.2 on LD_LIBRARY_PATH; install it or choose another backend.`;
  }
  if (/tfjs_binding\.node|libtensorflow/.test(line)) {
    return `${specifier} is installed but its native binding is missing or broken (${line}). Its install script downloads libtensorflow; rerun it with \`pnpm rebuild ${specifier}\` on a machine with internet access.`;
  }
  return `${specifier} is installed but failed to load: ${line}`;
}

function nativeAdapter(
  name: 'node' | 'node-gpu',
  specifier: string,
  priority: number,
): BackendAdapter {
  return {
    name,
    tfjsName: 'tensorflow',
    priority: { node: priority },
    async probe(context) {
      if (context.runtime !== 'node')
        return { available: false, reason: `${specifier} runs only in Node` };
      return { available: true };
    },
    async activate(context) {
      try {
        await context.importModule(specifier);
      } catch (error) {
        throw new BackendError(`${name}: ${explainNativeLoadError(name, specifier, error)}`, {
          cause: error,
        });
      }
      await activateRegistered(tf, name, 'tensorflow');
      return name === 'node-gpu' ? 'libtensorflow 2.9.1 with CUDA' : 'libtensorflow 2.9.1 (CPU)';
    },
  };
}

export const nodeAdapter = nativeAdapter('node', '@tensorflow/tfjs-node', 30);
export const nodeGpuAdapter = nativeAdapter('node-gpu', '@tensorflow/tfjs-node-gpu', 40);
