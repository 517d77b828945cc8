/**
 * What the char-LM's data-parallel workers share with the main thread: the JSON each worker
 * builds its model from, the payload of one step's shard, and the layout of the carried-state
 * buffer (every state as [lanes, size] float32 rows, one block per state, so worker w writes
 * rows [first, last) of each block and a checkpoint reads the whole batch's state).
 */
import type { JsonValue } from '@recurrent/train';
import type { CharLmHyperParameters } from './char-lm-defaults.js';

export interface CharLmWorkerConfig {
  readonly hyperParameters: CharLmHyperParameters;
  readonly vocabulary: JsonValue;
  /** This worker's lanes of the training batch: [first, last). */
  readonly first: number;
  readonly last: number;
  /** The validation ids: each worker scores its share of the evaluation lanes. */
  readonly validation: Int32Array;
}

/** One step's shard: this worker's rows of the batch and the step's random draws for them. */
export interface CharLmShard {
  readonly ids: Int32Array; // [rows * time]
  readonly targets: Int32Array; // [rows * time]
  readonly mask: Float32Array; // [rows * time], 1 = scored
  readonly time: number;
  /** Per row: 0 = start this lane from zeros (stateResetProbability), 1 = carry on. */
  readonly keep: Float32Array;
  readonly dropoutSeed: number;
  /** The carried state: go on from the worker's own, clear it (epoch start), or read it from shared memory (resume). */
  readonly carry: 'keep' | 'reset' | 'restore';
}

/** The evaluation lanes [first, last) a worker scores. */
export interface CharLmEvalShare {
  readonly first: number;
  readonly last: number;
}

/** Start (in floats) of each state's [lanes, size] block in the carried-state buffer. */
export function carryOffsets(stateSizes: readonly number[], lanes: number): number[] {
  const offsets: number[] = [];
  let total = 0;
  for (const size of stateSizes) {
    offsets.push(total);
    total += lanes * size;
  }
  offsets.push(total); // the end: the buffer's length in floats
  return offsets;
}

/** Contiguous lanes [first, last) of worker w: 32 lanes on 3 workers are 11, 11, 10. */
export function lanesOf(worker: number, workers: number, lanes: number): [number, number] {
  const base = Math.floor(lanes / workers);
  const extra = lanes % workers;
  const first = worker * base + Math.min(worker, extra);
  return [first, first + base + (worker < extra ? 1 : 0)];
}
