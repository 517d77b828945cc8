/**
 * The main thread's side of a data-parallel sentiment run (Node): starts the workers
 * (sentiment-shard-worker.ts, each building the same model) and cuts every batch into
 * contiguous blocks of rows, with the step's dropout seed drawn here exactly where the
 * one-thread loss draws it, so N workers repeat the one-thread run.
 */
import {
  builtModuleUrl,
  type DataParallel,
  type WorkerPool,
  type WorkerSetup,
} from '@recurrent/train';
import { startWorkerPool } from '@recurrent/train/node';
import type { SentimentModel } from './create-sentiment-model.js';
import {
  rowsOf,
  type SentimentShard,
  type SentimentWorkerConfig,
} from './sentiment-worker-config.js';
import type { ClassifierBatch } from './train-classifier.js';

export interface SentimentWorkers {
  readonly pool: WorkerPool;
  readonly dataParallel: DataParallel<ClassifierBatch>;
  close(): Promise<void>;
}

/**
 * @example
 * const workers = await startSentimentWorkers(model, 2, setup);
 * await trainClassifier(model, { ...options, dataParallel: workers.dataParallel });
 * await workers.close();
 */
export async function startSentimentWorkers(
  model: SentimentModel,
  workers: number,
  setup: WorkerSetup | null,
): Promise<SentimentWorkers> {
  const config: SentimentWorkerConfig = {
    hyperParameters: model.hyperParameters,
    vocabulary: model.vocabulary.toJSON() as never,
    tokenizer: { ...model.tokenizer.config },
    labels: model.labels,
    frozenEmbeddings: model.frozenEmbeddings,
  };
  const pool = await startWorkerPool({
    workers,
    module: builtModuleUrl('./sentiment-shard-worker.js', import.meta.url),
    config: () => config,
    variables: model.variables,
    setup,
    label: 'sentiment',
  });
  const dataParallel: DataParallel<ClassifierBatch> = {
    pool,
    shard(batch, ctx) {
      const { ids, mask, targets, batchSize: rows, timeSteps: time } = batch.plain;
      const dropoutSeed = ctx.rng.int(2 ** 31); // the one draw of train-classifier.ts's loss
      return Array.from({ length: workers }, (_, w): SentimentShard => {
        const [first, last] = rowsOf(w, workers, rows);
        return {
          ids: ids.slice(first * time, last * time),
          mask: mask.slice(first * time, last * time),
          targets: Int32Array.from(targets.subarray(first, last)),
          time,
          first,
          of: rows,
          dropoutSeed,
        };
      });
    },
  };
  return { pool, dataParallel, close: () => pool.close() };
}
