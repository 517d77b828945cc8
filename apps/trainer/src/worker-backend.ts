/**
 * The setup module of `recurrent train --workers N`: each data-parallel worker thread imports
 * it first and activates its own backend (wasm, one thread in Node; cpu when the run is on
 * cpu), before the task builds its model there.
 */
import { type BackendName, selectBackend } from '@recurrent/backends';

export interface WorkerBackendOptions {
  readonly backend: BackendName;
}

export async function setupWorker(options: WorkerBackendOptions): Promise<void> {
  await selectBackend(options.backend);
}
