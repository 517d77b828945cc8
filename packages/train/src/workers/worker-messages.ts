/**
 * The messages between the main thread and a data-parallel worker. Small on purpose: the
 * gradients and weights travel through shared memory, the messages only say what to do.
 */
import type { WorkerSetup } from './shard-worker.js';

/** `workerData` of each worker thread. */
export interface WorkerStart {
  readonly module: string;
  readonly setup: WorkerSetup | null;
  readonly worker: number;
  readonly workers: number;
  readonly config: unknown;
  readonly shared: SharedArrayBuffer | null;
  readonly sizes: readonly number[];
  readonly gradients: SharedArrayBuffer;
  readonly weights: SharedArrayBuffer;
}

/** Main -> worker. `load`: read the weight broadcast before the work. */
export type ToWorker =
  | { readonly kind: 'step'; readonly id: number; readonly load: boolean; readonly shard: unknown }
  | {
      readonly kind: 'call';
      readonly id: number;
      readonly load: boolean;
      readonly method: string;
      readonly payload: unknown;
    }
  | { readonly kind: 'close' };

/** Worker -> main. */
export type FromWorker =
  | { readonly kind: 'ready'; readonly names: readonly string[]; readonly sizes: readonly number[] }
  | { readonly kind: 'done'; readonly id: number; readonly value?: unknown }
  | { readonly kind: 'failed'; readonly id: number; readonly message: string };

/** `call` methods every worker answers itself, before the task's handle(). */
export const builtInMethods = Object.freeze({
  numTensors: 'numTensors', // tf.memory().numTensors in the worker, for leak tests
});
