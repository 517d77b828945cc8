/**
 * The setup module of `recurrent train --workers N`: each data-parallel worker thread imports
 * it first and activates its own backend (wasm, one thread in Node; cpu when the run is on
 * cpu), before the task builds its model there.
 */
import { type BackendName, knownAdapters, selectBackend } from '@recurrent/backends';

export interface WorkerBackendOptions {
  readonly backend: BackendName;
}

export async function setupWorker(options: WorkerBackendOptions): Promise<void> {
  // Only the asked-for adapter: the full report would also probe node-webgpu, whose native
  // Dawn module in a worker thread crashed the process at exit (segfault) when the thread ended.
  await selectBackend(options.backend, {
    adapters: knownAdapters.filter((a) => a.name === options.backend),
  });
}
