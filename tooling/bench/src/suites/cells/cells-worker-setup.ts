/**
 * Imported first in each `--workers` thread: the measurement's backend (wasm: one thread in
 * Node), and the chained ops the bench's models use.
 */
import { selectBackend } from '@recurrent/backends';
import { registerChainedOps } from '../../register-chained-ops.js';
import type { CellsWorkerSetup } from './cells-worker-config.js';

export async function setupWorker(options: CellsWorkerSetup): Promise<void> {
  registerChainedOps();
  await selectBackend(options.backend);
}
