// The worker setup of the captioning model's data-parallel tests: each worker thread on its own wasm
// backend (one thread in Node), as the trainer's workers are.
import { knownAdapters, selectBackend } from '@recurrent/backends';

export async function setupWorker() {
  // Only wasm: the full report would load node-webgpu's native Dawn module in the thread.
  await selectBackend('wasm', { adapters: knownAdapters.filter((a) => a.name === 'wasm') });
}
