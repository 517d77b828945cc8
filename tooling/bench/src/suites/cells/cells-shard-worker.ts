/**
 * Our model of a `cells` workload inside a data-parallel worker (`--workers N`): the same
 * layers as the main thread's, on the worker's rows of the same seeded data. The weights come
 * from the main thread's broadcast before every step.
 */
import type { ShardWorker, ShardWorkerInit } from '@recurrent/train';
import { workloads } from './cells-config.js';
import { makeData, shardData } from './cells-data.js';
import { oursParts } from './cells-ours.js';
import type { CellsWorkerConfig } from './cells-worker-config.js';

export function createShardWorker(init: ShardWorkerInit): ShardWorker {
  const c = init.config as CellsWorkerConfig;
  const w = workloads[c.config];
  const parts = oursParts(w, c.model, shardData(makeData(w), c.first, c.last));
  return {
    variables: parts.variables.map((variable, i) => ({ name: `v${i}`, variable })),
    loss: () => ({ loss: parts.loss(), examples: parts.examples }),
  };
}
