/**
 * The options of `train()`, their defaults, and the checks that run before any step.
 */
import { ConfigError } from '@recurrent/errors';
import type * as tf from '@tensorflow/tfjs-core';
import type { CheckpointStore } from '../checkpoint/checkpoint-store.js';
import type { JsonValue } from '../checkpoint/checkpoint-types.js';
import type { OptimizerConfig } from '../optim/create-optimizer.js';
import type { Schedule } from '../optim/learning-rate-at.js';
import type { DataParallel } from '../workers/data-parallel.js';
import type { TrainProgress } from './progress.js';
import type { DataSource, Trainable } from './trainable.js';

export interface MetricWatch {
  /** A key of the record evaluate() returns, e.g. 'valLoss'. */
  metric: string;
  /** 'min' for losses, 'max' for accuracy, AUROC, BLEU. */
  mode: 'min' | 'max';
}

export interface TrainOptions<Batch> {
  model: Trainable<Batch>;
  data: DataSource<Batch>;
  /** A config (saved in checkpoints) or a tfjs optimizer you own (Adam, RMSProp, SGD, Momentum). */
  optimizer?: OptimizerConfig | tf.Optimizer;
  /** Total updates (counting resumed ones). Give steps or epochs. */
  steps?: number;
  /** Total epochs; needs data.stepsPerEpoch. */
  epochs?: number;
  /** Seeds the generator passed to loss() as ctx.rng. */
  seed?: number;
  /** Clip gradients to this global L2 norm; null for no clipping (the norm is still reported). */
  clipNorm?: number | null;
  schedule?: Schedule;
  /** Run model.evaluate() every N steps (and after the last step). */
  evalEvery?: number;
  /** Write `latest` every N steps (it is also written when training stops). */
  checkpointEvery?: number;
  /** Node: a run folder for `latest/` and `best/` (needs the node:fs reader, loaded on demand). */
  checkpointDir?: string;
  /** Any environment: where checkpoints go (e.g. indexedDBCheckpointStore('char-lm')). */
  checkpointStore?: CheckpointStore;
  /** Your JSON for config.json: task, hyperParameters, vocabulary. */
  config?: Record<string, JsonValue>;
  /** Stop when `metric` has not improved by more than minDelta for `patience` evaluations. */
  earlyStopping?: MetricWatch & { patience: number; minDelta?: number };
  /** The metric that picks `best/`; defaults to earlyStopping's. */
  bestMetric?: MetricWatch & { minDelta?: number };
  /** NaN/Inf loss or gradient: throw NonFiniteLossError ('error') or skip the update ('skip'). */
  onNonFinite?: 'error' | 'skip';
  /** Continue from `latest` in checkpointDir/checkpointStore (starts at 0 if there is none). */
  resume?: boolean;
  /** Abort to stop after the current step; `latest` is written if checkpoints are on. */
  signal?: AbortSignal;
  onProgress?: (event: TrainProgress) => void;
  /**
   * Node: compute each step's gradients on worker threads (a started pool and how to shard a
   * batch); this thread combines them, clips, applies the optimizer and broadcasts the weights.
   * model.loss() is then not called; everything else (evaluate, checkpoints) is the model's.
   */
  dataParallel?: DataParallel<Batch>;
}

export const trainDefaults = Object.freeze({
  optimizer: Object.freeze({ name: 'adam', learningRate: 1e-3 }) as OptimizerConfig, // robust for RNNs without tuning
  seed: 0, // deterministic unless asked otherwise
  clipNorm: 5 as number | null, // RNN gradients explode; 5 is the classic LSTM LM value (Zaremba et al. 2014)
  schedule: Object.freeze({ name: 'constant' }) as Schedule, // the optimizer's rate, unchanged
  onNonFinite: 'error' as 'error' | 'skip', // a NaN usually means a bug or a too-high rate: stop and say so
  minDelta: 0, // any improvement counts
});

function positiveInteger(value: unknown, name: string): void {
  if (value !== undefined && !(Number.isInteger(value) && (value as number) > 0)) {
    throw new ConfigError(`train: expected ${name} to be an integer >= 1, got ${String(value)}.`);
  }
}

/** Checks option combinations; returns the total number of steps. */
export function checkTrainOptions<Batch>(options: TrainOptions<Batch>): number {
  const { model, data, steps, epochs } = options;
  if (!model || !Array.isArray(model.variables) || typeof model.loss !== 'function') {
    throw new ConfigError(
      'train: expected model to be a Trainable: { variables: [{ name, variable }], loss(batch, ctx) }.',
    );
  }
  if (typeof data !== 'object' || data === null) {
    throw new ConfigError(
      'train: expected data with batchAt(step) or batches(fromStep), got ' + String(data) + '.',
    );
  }
  if ((typeof model.saveState === 'function') !== (typeof model.restoreState === 'function')) {
    throw new ConfigError(
      `train: model has ${model.saveState ? 'saveState() but no restoreState()' : 'restoreState() but no saveState()'}; give both (what one saves, the other puts back) or neither.`,
    );
  }
  if (model.variables.length === 0) {
    throw new ConfigError('train: model.variables is empty; list the tf.Variables to train.');
  }
  const names = new Set<string>();
  for (const v of model.variables) {
    if (names.has(v.name)) {
      throw new ConfigError(
        `train: two model variables are named "${v.name}"; names must be unique.`,
      );
    }
    names.add(v.name);
  }
  positiveInteger(steps, 'steps');
  positiveInteger(epochs, 'epochs');
  positiveInteger(options.evalEvery, 'evalEvery');
  positiveInteger(options.checkpointEvery, 'checkpointEvery');
  positiveInteger(data?.stepsPerEpoch, 'data.stepsPerEpoch');
  if ((steps === undefined) === (epochs === undefined)) {
    throw new ConfigError(
      `train: pass exactly one of steps or epochs, got ${steps === undefined && epochs === undefined ? 'neither' : 'both'}.`,
    );
  }
  if (epochs !== undefined && data.stepsPerEpoch === undefined) {
    throw new ConfigError(
      'train: epochs needs data.stepsPerEpoch (batches per epoch); or pass steps.',
    );
  }
  if (options.evalEvery !== undefined && typeof model.evaluate !== 'function') {
    throw new ConfigError('train: evalEvery needs model.evaluate(); add it or drop evalEvery.');
  }
  if (options.checkpointDir !== undefined && options.checkpointStore !== undefined) {
    throw new ConfigError('train: pass checkpointDir or checkpointStore, not both.');
  }
  const hasStore = options.checkpointDir !== undefined || options.checkpointStore !== undefined;
  if (options.checkpointEvery !== undefined && !hasStore) {
    throw new ConfigError('train: checkpointEvery needs checkpointDir (Node) or checkpointStore.');
  }
  if (options.resume && !hasStore) {
    throw new ConfigError(
      'train: resume needs checkpointDir (Node) or checkpointStore to resume from.',
    );
  }
  const clip = options.clipNorm;
  if (clip !== undefined && clip !== null && !(clip > 0)) {
    throw new ConfigError(`train: expected clipNorm > 0 or null (no clipping), got ${clip}.`);
  }
  const es = options.earlyStopping;
  if (es) {
    positiveInteger(es.patience, 'earlyStopping.patience');
    if (options.evalEvery === undefined) {
      throw new ConfigError(
        'train: earlyStopping needs evalEvery (it watches evaluation metrics).',
      );
    }
  }
  for (const w of [es, options.bestMetric]) {
    if (w && w.mode !== 'min' && w.mode !== 'max') {
      throw new ConfigError(
        `train: expected mode 'min' or 'max' for metric "${w.metric}", got ${String(w.mode)}.`,
      );
    }
  }
  return steps ?? (epochs as number) * (data.stepsPerEpoch as number);
}
