/**
 * Imported first in each `--workers` thread: the measurement's backend (wasm: one thread in
 * Node), and the chained ops the bench's models use.
 */
import { knownAdapters, selectBackend } from '@recurrent/backends';
import { registerChainedOps } from '../../register-chained-ops.js';
import type { CellsWorkerSetup } from './cells-worker-config.js';

export async function setupWorker(options: CellsWorkerSetup): Promise<void> {
  registerChainedOps();
  // Only the asked-for adapter: the full report would also probe node-webgpu, whose native
  // Dawn module in a worker thread crashed the process at exit (segfault) when the thread ended.
  await selectBackend(options.backend, {
    adapters: knownAdapters.filter((a) => a.name === options.backend),
  });
}
