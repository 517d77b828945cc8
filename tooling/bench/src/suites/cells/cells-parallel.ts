/**
 * Our model trained data-parallel (`pnpm bench cells --workers 1,2`): N worker threads each
 * take the gradients of their rows of the batch (@recurrent/train's worker pool); this thread
 * combines them in worker order, applies Adam and broadcasts the weights, as `recurrent
 * train --workers N` does. Inference stays on this thread (it is not data-parallel).
 */
import { builtModuleUrl } from '@recurrent/train';
import { startWorkerPool } from '@recurrent/train/node';
import * as tf from '@tensorflow/tfjs-core';
import type { BackendChoice, ModelKind, Workload } from './cells-config.js';
import type { WorkloadData } from './cells-data.js';
import { type BenchModel, oursParts, readBack } from './cells-ours.js';
import { type CellsWorkerConfig, rowsOf } from './cells-worker-config.js';

export async function parallelModel(
  w: Workload,
  kind: ModelKind,
  data: WorkloadData,
  workers: number,
  backend: BackendChoice,
): Promise<BenchModel & { close(): Promise<void> }> {
  const parts = oursParts(w, kind, data);
  const variables = parts.variables.map((variable, i) => ({ name: `v${i}`, variable }));
  const pool = await startWorkerPool({
    workers,
    module: builtModuleUrl('./cells-shard-worker.js', import.meta.url),
    config: (k): CellsWorkerConfig => {
      const [first, last] = rowsOf(k, workers, w.batch);
      return { config: w.name, model: kind, first, last };
    },
    variables,
    setup: {
      module: builtModuleUrl('./cells-worker-setup.js', import.meta.url),
      options: { backend },
    },
    label: 'bench cells',
  });
  const optimizer = tf.train.adam(1e-3);
  const shards = new Array<null>(workers).fill(null); // the workers hold their rows already
  return {
    async train() {
      const { grads } = await pool.step(shards);
      const named = variables.map((v, i) => ({
        name: v.variable.name,
        tensor: tf.tensor(grads[i] as Float32Array, v.variable.shape), // the variable's shape
      }));
      optimizer.applyGradients(named);
      tf.dispose(named.map((n) => n.tensor));
      pool.weightsChanged();
    },
    infer: () => readBack(tf.tidy(() => parts.output())),
    async close() {
      optimizer.dispose();
      await pool.close();
    },
  };
}
