/**
 * The entry of a data-parallel worker thread (run from dist/: worker-entry.js). It imports
 * the app's setup module (which picks this thread's backend), registers the gradients,
 * builds the task's ShardWorker from the config, and then for each `step` message: reads
 * the weight broadcast when told to, takes the gradients of its shard's loss, writes them
 * into its slot of the gradient exchange, frees every tensor and answers `done`.
 */

import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { registerGradients } from '../loop/register-gradients.js';
import { openGradientExchange, writeShardGradients } from './gradient-exchange.js';
import type { ShardWorker, ShardWorkerModule } from './shard-worker.js';
import { loadWeights, openWeightBroadcast } from './weight-broadcast.js';
import {
  builtInMethods,
  type FromWorker,
  type ToWorker,
  type WorkerStart,
} from './worker-messages.js';

const start = workerData as WorkerStart;
const port = parentPort as NonNullable<typeof parentPort>;
const post = (message: FromWorker) => port.postMessage(message);

function gradientsOf(shardWorker: ShardWorker, shard: unknown) {
  const vars = shardWorker.variables.map((v) => v.variable);
  let examples = 0;
  const { value, grads } = tf.variableGrads(() => {
    const out = shardWorker.loss(shard);
    examples = out.examples;
    return out.loss;
  }, vars);
  try {
    const loss = value.dataSync()[0] as number;
    const flat = vars.map((v) => {
      const g = grads[v.name];
      return g ? (g.dataSync() as Float32Array) : null;
    });
    return { loss, examples, grads: flat };
  } finally {
    tf.dispose([value, ...Object.values(grads)]);
  }
}

async function main(): Promise<void> {
  if (start.setup) {
    const setup = (await import(start.setup.module)) as {
      setupWorker?: (options: unknown) => unknown;
    };
    await setup.setupWorker?.(start.setup.options);
  }
  await registerGradients();
  const task = (await import(start.module)) as ShardWorkerModule;
  const shardWorker = await task.createShardWorker({
    worker: start.worker,
    workers: start.workers,
    config: start.config,
    shared: start.shared,
  });
  const exchange = openGradientExchange(start.gradients, start.workers, start.sizes);
  const weights = openWeightBroadcast(start.weights, start.sizes);
  post({
    kind: 'ready',
    names: shardWorker.variables.map((v) => v.name),
    sizes: shardWorker.variables.map((v) => v.variable.size),
  });

  port.on('message', async (message: ToWorker) => {
    if (message.kind === 'close') {
      shardWorker.dispose?.();
      port.close();
      return;
    }
    try {
      if (message.load) loadWeights(weights, shardWorker.variables);
      if (message.kind === 'step') {
        writeShardGradients(exchange, start.worker, gradientsOf(shardWorker, message.shard));
        shardWorker.afterStep?.();
        post({ kind: 'done', id: message.id });
        return;
      }
      let value: unknown;
      if (message.method === builtInMethods.numTensors) value = tf.memory().numTensors;
      else if (shardWorker.handle)
        value = await shardWorker.handle(message.method, message.payload);
      else throw new Error(`this task's worker answers no "${message.method}" calls`);
      post({ kind: 'done', id: message.id, value });
    } catch (error) {
      const e = error as Error;
      post({ kind: 'failed', id: message.id, message: e?.message ?? String(error) });
    }
  });
}

// A failure here (setup, model) ends the thread; the pool reports it as a WorkerError naming it.
await main();
