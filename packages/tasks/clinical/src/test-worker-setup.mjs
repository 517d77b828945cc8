// The worker setup of the clinical data-parallel tests: each worker thread on its own wasm
// backend (one thread in Node), as the trainer's workers are. With `fail: { worker, kernel,
// call }` that worker's `kernel` throws on its `call`-th run (the failure tests: a real error
// inside a worker's step, with no test hook in the task's code).
import { workerData } from 'node:worker_threads';
import { knownAdapters, selectBackend } from '@recurrent/backends';
import * as tf from '@tensorflow/tfjs-core';

export async function setupWorker(options = {}) {
  // Only wasm: the full report would load node-webgpu's native Dawn module in the thread.
  await selectBackend('wasm', { adapters: knownAdapters.filter((a) => a.name === 'wasm') });
  const fail = options.fail;
  if (!fail || workerData.worker !== fail.worker) return;
  const original = tf.getKernel(fail.kernel, 'wasm');
  tf.unregisterKernel(fail.kernel, 'wasm');
  let calls = 0;
  tf.registerKernel({
    ...original,
    kernelFunc: (args) => {
      calls++;
      if (calls === fail.call)
        throw new Error(`injected failure in ${fail.kernel} (call ${calls})`);
      return original.kernelFunc(args);
    },
  });
}
