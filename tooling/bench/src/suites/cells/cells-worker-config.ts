/** What a `--workers` measurement's worker builds: the workload, the layer and its rows. */
import type { BackendChoice, ConfigName, ModelKind } from './cells-config.js';

export interface CellsWorkerConfig {
  readonly config: ConfigName;
  readonly model: ModelKind;
  /** Rows [first, last) of the workload's batch. */
  readonly first: number;
  readonly last: number;
}

export interface CellsWorkerSetup {
  readonly backend: BackendChoice;
}

/** Contiguous rows of worker w: 32 rows on 3 workers are 11, 11, 10. */
export function rowsOf(worker: number, workers: number, rows: number): [number, number] {
  const base = Math.floor(rows / workers);
  const extra = rows % workers;
  const first = worker * base + Math.min(worker, extra);
  return [first, first + base + (worker < extra ? 1 : 0)];
}
