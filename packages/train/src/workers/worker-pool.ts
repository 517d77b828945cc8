/**
 * The main thread's side of data-parallel training: N `worker_threads`, each running
 * worker-entry.js with its own backend and the task's model built from the same config.
 * `step(shards)` sends each worker its shard of the batch and resolves, once every worker has
 * written its slot of the gradient exchange, with the gradients combined in worker order 0,
 * 1, ... (reproducible from the seed). Weights go the other way through one shared buffer,
 * read by every worker before its next message after `weightsChanged()`.
 *
 * A worker that throws, fails a step or exits breaks the pool: every pending and later call
 * rejects with one WorkerError naming that worker, and the other workers are stopped.
 */
import { Worker } from 'node:worker_threads';
import { ConfigError, ShapeError } from '@recurrent/errors';
import type { NamedVariable } from '../loop/trainable.js';
import { builtModuleUrl } from './built-module-url.js';
import {
  type CombinedGradients,
  combineShardGradients,
  createGradientExchange,
  type GradientExchange,
} from './gradient-exchange.js';
import type { WorkerSetup } from './shard-worker.js';
import { createWeightBroadcast, publishWeights, type WeightBroadcast } from './weight-broadcast.js';
import { WorkerError } from './worker-error.js';
import {
  builtInMethods,
  type FromWorker,
  type ToWorker,
  type WorkerStart,
} from './worker-messages.js';

export interface WorkerPoolOptions {
  /** Threads to start (>= 1). */
  readonly workers: number;
  /** URL of the task's module exporting createShardWorker (see shard-worker.ts). */
  readonly module: string;
  /** The JSON config of worker `w` (the task's hyper-parameters and that worker's share). */
  readonly config: (worker: number) => unknown;
  /** The main thread's model variables: their values are broadcast, their layout checked. */
  readonly variables: readonly NamedVariable[];
  /** Imported in each worker first (the app picks the worker's backend there). */
  readonly setup?: WorkerSetup | null;
  /** Task-owned shared memory handed to every worker (carried state). */
  readonly shared?: SharedArrayBuffer | null;
  /** Who is asking, for error messages: the task's name. */
  readonly label?: string;
}

export interface WorkerPool {
  readonly workers: number;
  readonly exchange: GradientExchange;
  /** The main thread updated its variables: each worker reads them before its next work. */
  weightsChanged(): void;
  /** Each worker takes the gradients of shards[w]; the whole batch's, combined in worker order. */
  step(shards: readonly unknown[]): Promise<CombinedGradients>;
  /** Runs the task's handle(method, payloads[w]) in every worker; resolves with their answers. */
  call(method: string, payloads: readonly unknown[]): Promise<unknown[]>;
  /** tf.memory().numTensors in each worker. */
  numTensors(): Promise<number[]>;
  /** Stops every thread. */
  close(): Promise<void>;
}

interface Pending {
  remaining: number;
  values: unknown[];
  resolve(values: unknown[]): void;
  reject(error: Error): void;
}

const entryUrl = () => new URL(builtModuleUrl('./worker-entry.js', import.meta.url));

/**
 * @example
 * const pool = await startWorkerPool({ workers: 2, module, config: (w) => ({ ...cfg, worker: w }), variables });
 * const { loss, grads } = await pool.step([shard0, shard1]);
 * await pool.close();
 */
export async function startWorkerPool(options: WorkerPoolOptions): Promise<WorkerPool> {
  const n = options.workers;
  if (!Number.isInteger(n) || n < 1) {
    throw new ConfigError(
      `startWorkerPool: expected workers to be an integer >= 1, received ${n}. Pass --workers 1 or more.`,
    );
  }
  const label = options.label ?? 'data-parallel training';
  const sizes = options.variables.map((v) => v.variable.size);
  const exchange = createGradientExchange(n, sizes);
  const broadcast: WeightBroadcast = createWeightBroadcast(sizes);
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let broken: WorkerError | null = null;
  let closing = false;
  let stale = true; // the workers have not read the main thread's weights yet

  const readyWaiters: { resolve(): void; reject(e: Error): void }[] = [];
  let readyCount = 0;

  const threads = Array.from({ length: n }, (_, w) => {
    const start: WorkerStart = {
      module: options.module,
      setup: options.setup ?? null,
      worker: w,
      workers: n,
      config: options.config(w),
      shared: options.shared ?? null,
      sizes,
      gradients: exchange.buffer,
      weights: broadcast.buffer,
    };
    // None of this process's Node flags: under Vitest they resolve workspace packages to their
    // TypeScript sources, which plain Node cannot load, and some (--expose-gc) workers refuse.
    return new Worker(entryUrl(), { workerData: start, execArgv: [] });
  });

  const who = (w: number) => `${label}: worker ${w} of ${n}`;
  const fail = (error: WorkerError) => {
    if (broken || closing) return;
    broken = error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
    for (const r of readyWaiters) r.reject(error);
    for (const t of threads) void t.terminate();
  };

  threads.forEach((thread, w) => {
    thread.on('message', (message: FromWorker) => {
      if (message.kind === 'ready') {
        const names = options.variables.map((v) => v.name);
        const same =
          message.names.length === names.length &&
          message.names.every((name, i) => name === names[i] && message.sizes[i] === sizes[i]);
        if (!same) {
          fail(
            new WorkerError(
              w,
              `${who(w)} built a model with variables ${message.names.join(', ')} (sizes ${message.sizes.join(', ')}), expected ${names.join(', ')} (sizes ${sizes.join(', ')}). Build the worker's model from the same config and seed as the main thread's.`,
              { cause: new ShapeError('variables differ') },
            ),
          );
          return;
        }
        readyCount += 1;
        if (readyCount === n) for (const r of readyWaiters) r.resolve();
        return;
      }
      const p = pending.get(message.id);
      if (!p) return;
      if (message.kind === 'failed') {
        fail(
          new WorkerError(
            w,
            `${who(w)} failed: ${message.message}. The step was not applied; the last checkpoint is intact (continue with --resume).`,
          ),
        );
        return;
      }
      p.values[w] = message.value;
      p.remaining -= 1;
      if (p.remaining === 0) {
        pending.delete(message.id);
        p.resolve(p.values);
      }
    });
    thread.on('error', (error) => {
      fail(
        new WorkerError(
          w,
          `${who(w)} threw: ${error.message}. The step was not applied; the last checkpoint is intact (continue with --resume).`,
          { cause: error },
        ),
      );
    });
    thread.on('exit', (code) => {
      fail(
        new WorkerError(
          w,
          `${who(w)} exited unexpectedly (exit code ${code}). The step was not applied; the last checkpoint is intact (continue with --resume).`,
        ),
      );
    });
  });

  const request = (
    make: (id: number, load: boolean, w: number) => ToWorker,
  ): Promise<unknown[]> => {
    if (broken) return Promise.reject(broken);
    const id = nextId++;
    const load = stale;
    if (stale) {
      publishWeights(broadcast, options.variables);
      stale = false;
    }
    return new Promise((resolve, reject) => {
      pending.set(id, { remaining: n, values: new Array(n), resolve, reject });
      threads.forEach((t, w) => {
        t.postMessage(make(id, load, w));
      });
    });
  };

  /** Lets each thread free its model and end by itself (native addons are safer so); terminates after 2 s. */
  const close = async () => {
    if (closing) return;
    closing = true;
    await Promise.all(
      threads.map(async (t) => {
        const exited = new Promise<void>((resolve) => t.once('exit', () => resolve()));
        if (broken) {
          await t.terminate();
          return;
        }
        t.postMessage({ kind: 'close' } satisfies ToWorker);
        const timer = setTimeout(() => void t.terminate(), 2000);
        await exited;
        clearTimeout(timer);
      }),
    );
  };

  try {
    await new Promise<void>((resolve, reject) => {
      if (broken) reject(broken);
      else readyWaiters.push({ resolve, reject });
    });
  } catch (error) {
    await close();
    throw error;
  }

  return {
    workers: n,
    exchange,
    weightsChanged() {
      stale = true;
    },
    async step(shards) {
      if (shards.length !== n) {
        throw new ShapeError(
          `${label}: expected one shard per worker (${n}), received ${shards.length}.`,
        );
      }
      await request((id, load, w) => ({ kind: 'step', id, load, shard: shards[w] }));
      return combineShardGradients(exchange);
    },
    call(method, payloads) {
      return request((id, load, w) => ({
        kind: 'call',
        id,
        load,
        method,
        payload: payloads[w],
      }));
    },
    async numTensors() {
      const values = await request((id, load) => ({
        kind: 'call',
        id,
        load,
        method: builtInMethods.numTensors,
        payload: null,
      }));
      return values as number[];
    },
    close,
  };
}
