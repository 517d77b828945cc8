/**
 * What `train()` needs to spread each step over worker threads (TrainOptions.dataParallel):
 * a started pool and how to cut a batch into one shard per worker. `shard` draws every random
 * choice of the step from ctx.rng in the order the model's own loss() draws them, so a run on
 * N workers makes the choices of the run on one thread.
 */
import type { LossContext } from '../loop/trainable.js';
import type { WorkerPool } from './worker-pool.js';

export interface DataParallel<Batch> {
  readonly pool: WorkerPool;
  /** One payload per worker (plain data: typed arrays and numbers), in worker order. */
  shard(batch: Batch, ctx: LossContext): unknown[];
}
