/**
 * What a checkpoint folder holds, as types (format 2):
 *
 *   config.json                formatVersion, producer, the caller's config (task,
 *                              hyperParameters, vocabulary, ...) and the optimizer config
 *   weights.safetensors        model weights under their stable names (`lstm_0/kernel`)
 *   optimizer.safetensors      `iter` and the optimizer slots (`lstm_0/kernel/m`), when saved
 *   model-state.safetensors    state the model carries across batches (`carry/0`), when saved
 *   state.json                 step, RNG state, best metric, data position (TrainState)
 *   manifest.json              formatVersion, producer, and the sha256 and size of every other
 *                              file, config.json included; written last, read first
 *
 * Format 1 (still read) had no manifest: config.json listed the other files' checksums, so
 * nothing covered config.json itself; such checkpoints load with `verified: false`.
 */
import type { RandomState } from '@recurrent/random';
import type * as tf from '@tensorflow/tfjs-core';
import type { NamedVariable } from '../loop/trainable.js';
import type { OptimizerConfig } from '../optim/create-optimizer.js';
import type { OptimizerSlots } from '../optim/optimizer-slots.js';
import type { TensorRecord } from './tensor-record.js';

/** The checkpoint format this version writes and the newest it reads. */
export const CHECKPOINT_FORMAT_VERSION = 2;

/** The `producer` of config.json and manifest.json: what marks a folder as ours to replace. */
export const CHECKPOINT_PRODUCER = '@recurrent/train';

/** The file that lists every other file of a format-2 checkpoint with its sha256. */
export const MANIFEST_FILE = 'manifest.json';

/** The file names a checkpoint may hold (a folder with anything else is not only ours). */
export const checkpointFileNames = [
  'config.json',
  'weights.safetensors',
  'optimizer.safetensors',
  'model-state.safetensors',
  'state.json',
  MANIFEST_FILE,
] as const;

export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/** Keys of config.json that belong to the format, not to the caller. */
export const reservedConfigKeys = ['formatVersion', 'producer', 'optimizer', 'files'] as const;

/** Where training stands: everything besides weights and optimizer slots needed to resume. */
export interface TrainState {
  /** Optimizer updates done; the next batch is `data.batchAt(step)`. */
  step: number;
  /** The epoch of the next step (0 when the data has no stepsPerEpoch). */
  epoch: number;
  seed: number;
  /** The trainer's RNG after `step` updates (four uint32 words). */
  rng: RandomState;
  /** The data position: data is a function of the step, so this is `{ step }`. */
  dataPosition: { step: number };
  /** The best value of the monitored metric so far, or null before the first evaluation. */
  best: { metric: string; mode: 'min' | 'max'; value: number; step: number } | null;
  /** Evaluations since `best` last improved (early stopping's patience counter). */
  evalsWithoutImprovement: number;
  /** The metrics of the last evaluation, or null. */
  lastMetrics: Record<string, number> | null;
  /** Updates skipped for a non-finite loss (onNonFinite: 'skip'). */
  skippedSteps: number;
}

/** Model weights to save: the trainable's variables, or named tensors / records. */
export type WeightsInput =
  | readonly NamedVariable[]
  | ReadonlyMap<string, tf.Tensor | TensorRecord>
  | Readonly<Record<string, tf.Tensor | TensorRecord>>;

export interface CheckpointContents {
  /** The caller's JSON (task, hyperParameters, vocabulary, ...); becomes config.json's top level. */
  config: Record<string, JsonValue>;
  weights: WeightsInput;
  /** Optimizer config and slots; omit for a weights-only export. */
  optimizer?: { config: OptimizerConfig; slots: OptimizerSlots } | null;
  /** Training state; omit for a weights-only export. */
  state?: TrainState | null;
  /** State the model carries across batches (Trainable.saveState()); omit when it has none. */
  modelState?: WeightsInput | null;
}

/** A decoded, checksum-verified checkpoint (plain data: no tensors allocated). */
export interface Checkpoint {
  /** Where it was read from (a folder, a URL, an IndexedDB key). */
  location: string;
  formatVersion: number;
  config: Record<string, JsonValue>;
  weights: Map<string, TensorRecord>;
  optimizer: { config: OptimizerConfig; slots: OptimizerSlots } | null;
  state: TrainState | null;
  /** model-state.safetensors: the carried state for Trainable.restoreState(), or null. */
  modelState: Map<string, TensorRecord> | null;
  /**
   * True when a manifest's checksums covered every file, config.json included (format 2).
   * False for format 1, whose config.json (vocabulary, hyper-parameters) had no checksum.
   */
  verified: boolean;
  /** Why `verified` is false, in a sentence an app can print; null when verified. */
  note: string | null;
  /**
   * Set by a store that was asked for `latest` and found only `latest.prev` (a run was
   * killed between the two renames of a save): the location that was asked for. Else null.
   */
  fallbackFrom: string | null;
}

/** File name -> bytes, in write order (manifest.json, which lists the others, comes last). */
export type CheckpointFiles = Map<string, Uint8Array>;

/** Reads one file of a checkpoint; null when it does not exist. */
export type CheckpointFileReader = (file: string) => Promise<Uint8Array | null>;
