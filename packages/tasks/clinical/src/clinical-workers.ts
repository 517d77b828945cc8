/**
 * The main thread's side of a data-parallel clinical fold (Node): starts the workers
 * (clinical-shard-worker.ts, each building the fold's model) and cuts every batch into
 * contiguous blocks of stays, each told the whole batch's stays and real hours so that its
 * loss is its exact share of the batch's. The clinical loss draws nothing at random.
 */
import {
  builtModuleUrl,
  type DataParallel,
  type WorkerPool,
  type WorkerSetup,
} from '@recurrent/train';
import { startWorkerPool } from '@recurrent/train/node';
import {
  type ClinicalShard,
  type ClinicalWorkerConfig,
  staysOf,
} from './clinical-worker-config.js';
import type { ClinicalBatch, ClinicalModel } from './create-clinical-model.js';

export interface ClinicalWorkers {
  readonly pool: WorkerPool;
  readonly dataParallel: DataParallel<ClinicalBatch>;
  close(): Promise<void>;
}

/**
 * @example
 * const workers = await startClinicalWorkers(foldModel, 2, setup);
 * await train({ ...options, dataParallel: workers.dataParallel });
 * await workers.close();
 */
export async function startClinicalWorkers(
  model: ClinicalModel,
  workers: number,
  setup: WorkerSetup | null,
): Promise<ClinicalWorkers> {
  const config: ClinicalWorkerConfig = {
    hyperParameters: model.hyperParameters,
    normalizer: model.normalizer,
    positiveWeight: model.positiveWeight,
  };
  const pool = await startWorkerPool({
    workers,
    module: builtModuleUrl('./clinical-shard-worker.js', import.meta.url),
    config: () => config,
    variables: model.variables,
    setup,
    label: 'clinical',
  });
  const dataParallel: DataParallel<ClinicalBatch> = {
    pool,
    shard(batch) {
      const [rows, time, features] = batch.x.shape;
      const x = batch.x.dataSync() as Float32Array; // [rows * time * features]
      const mask = batch.mask.dataSync() as Float32Array; // [rows * time]
      const labels = batch.labels.dataSync() as Float32Array; // [rows]
      const observed = batch.observed ? (batch.observed.dataSync() as Float32Array) : null;
      const delta = batch.delta ? (batch.delta.dataSync() as Float32Array) : null;
      let hours = 0;
      for (const m of mask) hours += m;
      const step = time * features;
      return Array.from({ length: workers }, (_, w): ClinicalShard => {
        const [first, last] = staysOf(w, workers, rows);
        return {
          x: x.slice(first * step, last * step),
          mask: mask.slice(first * time, last * time),
          labels: labels.slice(first, last),
          observed: observed ? observed.slice(first * step, last * step) : null,
          delta: delta ? delta.slice(first * step, last * step) : null,
          time,
          features,
          whole: { rows, hours },
        };
      });
    },
  };
  return { pool, dataParallel, close: () => pool.close() };
}
