/**
 * What the clinical model's data-parallel workers share with the main thread: the JSON each
 * worker builds its fold's model from, the payload of one step's shard (a contiguous block of
 * the batch's stays, already normalised and imputed here), and how the stays are cut.
 */
import type { ClinicalHyperParameters } from './clinical-defaults.js';
import type { Normalizer } from './normalizer.js';
import type { WholeBatch } from './train-fold.js';

export interface ClinicalWorkerConfig {
  readonly hyperParameters: ClinicalHyperParameters;
  /** The fold's normaliser (the model carries it; the shards arrive normalised). */
  readonly normalizer: Normalizer;
  /** The fold's loss weight of a death. */
  readonly positiveWeight: number;
}

/** One step's shard: `rows` stays of a batch of `whole.rows` with `whole.hours` real hours. */
export interface ClinicalShard {
  readonly x: Float32Array; // [rows * time * features]
  readonly mask: Float32Array; // [rows * time], 1 = real hour
  readonly labels: Float32Array; // [rows], 1 = died
  readonly observed: Float32Array | null; // [rows * time * features], GRU-D only
  readonly delta: Float32Array | null; // [rows * time * features], GRU-D only
  readonly time: number;
  readonly features: number;
  readonly whole: WholeBatch;
}

/** Contiguous stays [first, last) of worker w: 64 stays on 3 workers are 22, 21, 21. */
export function staysOf(worker: number, workers: number, rows: number): [number, number] {
  const base = Math.floor(rows / workers);
  const extra = rows % workers;
  const first = worker * base + Math.min(worker, extra);
  return [first, first + base + (worker < extra ? 1 : 0)];
}
