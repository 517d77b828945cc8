/**
 * What a task puts in a data-parallel worker: a module that exports
 * `createShardWorker(init)`, building the task's model in the worker from the JSON config
 * the main thread sends (same seed and config, so the same variables in the same order), and
 * the loss of the worker's shard of each batch. The generic thread (worker-entry.ts) loads
 * the weights, takes the gradients, writes them to shared memory and frees every tensor.
 *
 * @example
 * // my-task-shard-worker.ts, built to dist/ and named by new URL(..., import.meta.url)
 * export async function createShardWorker(init: ShardWorkerInit): Promise<ShardWorker> {
 *   const model = createMyModel(init.config as MyConfig);
 *   return {
 *     variables: model.variables,
 *     loss: (shard) => ({ loss: model.loss(shard as MyShard), examples: (shard as MyShard).rows }),
 *   };
 * }
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { NamedVariable } from '../loop/trainable.js';

/** What the main thread tells each worker once, at start. */
export interface ShardWorkerInit {
  /** This worker's 0-based index. */
  readonly worker: number;
  readonly workers: number;
  /** The task's JSON (hyper-parameters, vocabulary, this worker's share of the lanes). */
  readonly config: unknown;
  /** Task-owned shared memory (a stateful model's carried state), or null. */
  readonly shared: SharedArrayBuffer | null;
}

export interface ShardWorker {
  /** The same variables, in the same order, as the main thread's model. */
  readonly variables: readonly NamedVariable[];
  /**
   * The mean loss of this worker's shard (the payload the main thread sent for this step) and
   * the examples it averages over (the shards' losses are weighted by them). Synchronous: it
   * runs inside tf.variableGrads.
   */
  loss(shard: unknown): { loss: tf.Scalar; examples: number };
  /** After the step's gradients are written (e.g. copy the carried state to shared memory). */
  afterStep?(): void;
  /** Other work the main thread asks of every worker (`evaluate` on a share of the data). */
  handle?(method: string, payload: unknown): Promise<unknown>;
  /** Frees the model and any carried state. */
  dispose?(): void;
}

/** The module a task names for its workers. */
export interface ShardWorkerModule {
  createShardWorker(init: ShardWorkerInit): Promise<ShardWorker> | ShardWorker;
}

/** A module imported in each worker before the task's (the app picks the worker's backend there). */
export interface WorkerSetup {
  /** URL of a module exporting `setupWorker(options)`. */
  readonly module: string;
  readonly options?: unknown;
}
