/**
 * The main thread's side of a data-parallel captioning run (Node): starts the workers
 * (captioning-shard-worker.ts, each building the model from the hyper-parameters and
 * vocabulary alone) and cuts every batch into contiguous blocks of rows, sending each worker
 * its rows' pixels, caption ids and mask. The batch is made here, so its random draws (the
 * images, one reference each, word dropout) are the one-thread run's; the loss draws nothing.
 * Evaluation (greedy captions and BLEU) stays on this thread, on the model Adam updates.
 */
import {
  builtModuleUrl,
  type DataParallel,
  type WorkerPool,
  type WorkerSetup,
} from '@recurrent/train';
import { startWorkerPool } from '@recurrent/train/node';
import type { CaptionBatch } from './caption-batches.js';
import {
  type CaptioningShard,
  type CaptioningWorkerConfig,
  rowsOf,
} from './captioning-worker-config.js';
import type { CaptioningModel } from './create-captioning-model.js';

export interface CaptioningWorkers {
  readonly pool: WorkerPool;
  readonly dataParallel: DataParallel<CaptionBatch>;
  close(): Promise<void>;
}

/** Cuts one batch into `workers` contiguous blocks of rows (plain data, copied). */
export function shardCaptionBatch(batch: CaptionBatch, workers: number): CaptioningShard[] {
  const [rows, time] = batch.inputs.shape;
  const perImage = batch.images.size / rows; // size * size * 3
  const images = batch.images.dataSync() as Float32Array; // [rows * size * size * 3]
  const inputs = batch.inputs.dataSync() as Int32Array; // [rows * time]
  const targets = batch.targets.dataSync() as Int32Array; // [rows * time]
  const mask = batch.mask.dataSync() as Float32Array; // [rows * time]
  return Array.from({ length: workers }, (_, w): CaptioningShard => {
    const [first, last] = rowsOf(w, workers, rows);
    return {
      rows: last - first,
      time,
      images: images.slice(first * perImage, last * perImage),
      inputs: inputs.slice(first * time, last * time),
      targets: targets.slice(first * time, last * time),
      mask: mask.slice(first * time, last * time),
    };
  });
}

/**
 * @example
 * const workers = await startCaptioningWorkers(model, 2, { module: setupUrl });
 * await train({ ..., dataParallel: workers.dataParallel });
 * await workers.close();
 */
export async function startCaptioningWorkers(
  model: CaptioningModel,
  workers: number,
  setup: WorkerSetup | null,
): Promise<CaptioningWorkers> {
  const config: CaptioningWorkerConfig = {
    hyperParameters: model.hyperParameters,
    vocabulary: model.vocabulary.toJSON() as never,
  };
  const pool = await startWorkerPool({
    workers,
    module: builtModuleUrl('./captioning-shard-worker.js', import.meta.url),
    config: () => config,
    variables: model.variables,
    setup,
    label: 'captioning',
  });
  return {
    pool,
    dataParallel: { pool, shard: (batch) => shardCaptionBatch(batch, workers) },
    close: () => pool.close(),
  };
}
