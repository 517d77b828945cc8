/**
 * What a checkpoint folder holds, as types:
 *
 *   config.json            formatVersion, the caller's config (task, hyperParameters,
 *                          vocabulary, ...), the optimizer config, and the sha256 and size of
 *                          every other file
 *   weights.safetensors    model weights under their stable names (`lstm_0/kernel`)
 *   optimizer.safetensors  `iter` and the optimizer slots (`lstm_0/kernel/m`), when saved
 *   state.json             step, RNG state, best metric, data position (TrainState)
 */
import type { RandomState } from '@recurrent/random';
import type * as tf from '@tensorflow/tfjs-core';
import type { NamedVariable } from '../loop/trainable.js';
import type { OptimizerConfig } from '../optim/create-optimizer.js';
import type { OptimizerSlots } from '../optim/optimizer-slots.js';
import type { TensorRecord } from './tensor-record.js';

/** The checkpoint format this version writes and the newest it reads. */
export const CHECKPOINT_FORMAT_VERSION = 1;

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
}

/** File name -> bytes, in write order (config.json, which lists the others, comes last). */
export type CheckpointFiles = Map<string, Uint8Array>;

/** Reads one file of a checkpoint; null when it does not exist. */
export type CheckpointFileReader = (file: string) => Promise<Uint8Array | null>;
