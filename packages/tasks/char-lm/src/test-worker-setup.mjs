// The worker setup of the char-LM's data-parallel tests: each worker thread on its own wasm
// backend (one thread in Node), as the trainer's workers are.
import { selectBackend } from '@recurrent/backends';

export async function setupWorker() {
  await selectBackend('wasm');
}
