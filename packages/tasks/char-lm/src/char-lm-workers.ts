/**
 * The main thread's side of a data-parallel char-LM run (Node): starts the workers
 * (char-lm-shard-worker.ts, each with lanes [first, last) of the batch), cuts every batch
 * into their rows with the step's random draws made here in the order the one-thread loss
 * makes them (so N workers repeat the one-thread run), keeps the carried state in shared
 * memory for checkpoints, and splits evaluation lanes across the workers.
 */
import type { TensorBatch } from '@recurrent/data';
import {
  builtModuleUrl,
  type DataParallel,
  type WorkerPool,
  type WorkerSetup,
} from '@recurrent/train';
import { startWorkerPool } from '@recurrent/train/node';
import * as tf from '@tensorflow/tfjs-core';
import {
  type CharLmEvalShare,
  type CharLmShard,
  type CharLmWorkerConfig,
  carryOffsets,
  lanesOf,
} from './char-lm-worker-config.js';
import type { CharLm } from './create-char-lm.js';
import { type CharLmMetrics, charLmEvalLayout, charLmMetrics } from './evaluate-char-lm.js';
import type { CharLmData } from './prepare-char-lm-data.js';

export interface CharLmWorkers {
  readonly pool: WorkerPool;
  readonly dataParallel: DataParallel<TensorBatch>;
  /** Epoch start or a new run: every worker clears its lanes' state at the next step. */
  resetState(): void;
  /** The whole batch's carried state after the last step ({} before the first). */
  saveState(): Record<string, tf.Tensor>;
  /** Resume: the saved state ([lanes, size] each) goes to the workers at the next step. */
  restoreState(carry: readonly tf.Tensor[]): void;
  /** Validation metrics, each worker scoring its share of the evaluation lanes. */
  evaluate(): Promise<CharLmMetrics>;
  close(): Promise<void>;
}

export async function startCharLmWorkers(
  model: CharLm,
  data: CharLmData,
  workers: number,
  setup: WorkerSetup | null,
): Promise<CharLmWorkers> {
  const hp = model.hyperParameters;
  const lanes = hp.batchSize;
  const sizes = model.rnn.stateSize;
  const offsets = carryOffsets(sizes, lanes);
  const shared = new SharedArrayBuffer((offsets.at(-1) as number) * 4);
  const carryView = new Float32Array(shared);
  const validation = Int32Array.from(data.validation);
  const layout = charLmEvalLayout(validation.length);
  const pool = await startWorkerPool({
    workers,
    module: builtModuleUrl('./char-lm-shard-worker.js', import.meta.url),
    config: (w): CharLmWorkerConfig => {
      const [first, last] = lanesOf(w, workers, lanes);
      return {
        hyperParameters: hp,
        vocabulary: model.vocabulary.toJSON() as never,
        first,
        last,
        validation,
      };
    },
    variables: model.variables,
    setup,
    shared,
    label: 'char-lm',
  });

  let carry: CharLmShard['carry'] = 'reset';
  let hasCarry = false;
  let saved: tf.Tensor[] = []; // the tensors the last saveState() made (the trainer only reads them)

  const dataParallel: DataParallel<TensorBatch> = {
    pool,
    shard(batch, ctx) {
      const [rows, time] = batch.ids.shape as [number, number];
      // The draws of train-char-lm.ts's loss, in its order: the dropout seed, then one per lane.
      const dropoutSeed = ctx.rng.int(2 ** 31);
      const keep = Float32Array.from({ length: rows }, () =>
        ctx.rng.next() < hp.stateResetProbability ? 0 : 1,
      );
      const ids = batch.ids.dataSync() as Int32Array; // [rows * time]
      const targets = batch.targets.dataSync() as Int32Array; // [rows * time]
      const mask = batch.mask.dataSync() as Float32Array; // [rows * time]
      const mode = carry;
      carry = 'keep';
      hasCarry = true;
      return Array.from({ length: workers }, (_, w): CharLmShard => {
        const [first, last] = lanesOf(w, workers, rows);
        return {
          ids: ids.slice(first * time, last * time),
          targets: targets.slice(first * time, last * time),
          mask: mask.slice(first * time, last * time),
          time,
          keep: keep.slice(first, last),
          dropoutSeed,
          carry: mode,
        };
      });
    },
  };

  return {
    pool,
    dataParallel,
    resetState() {
      carry = 'reset';
      hasCarry = false;
    },
    saveState() {
      tf.dispose(saved);
      saved = hasCarry
        ? sizes.map((size, i) =>
            tf.tensor2d(carryView.slice(offsets[i] as number, offsets[i + 1] as number), [
              lanes,
              size,
            ]),
          ) // [lanes, size] each
        : [];
      return Object.fromEntries(saved.map((s, i) => [`carry/${i}`, s]));
    },
    restoreState(state) {
      state.forEach((s, i) => {
        carryView.set(s.dataSync() as Float32Array, offsets[i] as number);
      });
      carry = 'restore';
      hasCarry = true;
    },
    async evaluate() {
      const shares = Array.from({ length: workers }, (_, w): CharLmEvalShare => {
        const [first, last] = lanesOf(w, workers, layout.lanes);
        return { first, last };
      });
      const nats = (await pool.call('evaluate', shares)) as number[];
      return charLmMetrics(
        nats.reduce((a, b) => a + b, 0),
        layout.predictions,
      );
    },
    async close() {
      tf.dispose(saved);
      saved = [];
      await pool.close();
    },
  };
}
