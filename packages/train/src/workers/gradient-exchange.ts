/**
 * The shared memory through which data-parallel workers hand their gradients to the main
 * thread: one slot per worker, each holding the shard's mean loss, its example count, which
 * variables the loss reached, and every gradient flattened in the order of model.variables.
 * A worker writes only its own slot; the main thread reads all of them after every worker
 * has reported, so no locks are needed.
 */
import { ShapeError } from '@recurrent/errors';

export interface GradientExchange {
  /** Backed by a SharedArrayBuffer: post it to each worker, which wraps it with the same layout. */
  readonly buffer: SharedArrayBuffer;
  readonly workers: number;
  /** Elements of each variable, in the order of model.variables. */
  readonly sizes: readonly number[];
  /** Start of each variable inside a slot's flat gradient. */
  readonly offsets: readonly number[];
  /** Elements of all variables together. */
  readonly total: number;
}

/** Bytes of one slot's header: loss and example count as float64, then one presence byte per variable, padded to 8. */
function headerBytes(variables: number): number {
  return 16 + Math.ceil(variables / 8) * 8;
}

function slotBytes(exchange: Pick<GradientExchange, 'sizes' | 'total'>): number {
  // Padded to 8 so the next slot's float64 header is aligned.
  return headerBytes(exchange.sizes.length) + Math.ceil(exchange.total / 2) * 8;
}

function layout(sizes: readonly number[]): { offsets: number[]; total: number } {
  const offsets: number[] = [];
  let total = 0;
  for (const size of sizes) {
    offsets.push(total);
    total += size;
  }
  return { offsets, total };
}

/** Allocates the exchange for `workers` workers and variables of `sizes` elements each. */
export function createGradientExchange(
  workers: number,
  sizes: readonly number[],
): GradientExchange {
  if (!Number.isInteger(workers) || workers < 1) {
    throw new ShapeError(
      `createGradientExchange: expected a worker count that is an integer >= 1, received ${workers}. Pass --workers 1 or more.`,
    );
  }
  const { offsets, total } = layout(sizes);
  const buffer = new SharedArrayBuffer(workers * slotBytes({ sizes, total }));
  return { buffer, workers, sizes: [...sizes], offsets, total };
}

/** Wraps a buffer received from the main thread (in a worker) with the layout of `sizes`. */
export function openGradientExchange(
  buffer: SharedArrayBuffer,
  workers: number,
  sizes: readonly number[],
): GradientExchange {
  const { offsets, total } = layout(sizes);
  const expected = workers * slotBytes({ sizes, total });
  if (buffer.byteLength !== expected) {
    throw new ShapeError(
      `openGradientExchange: expected a buffer of ${expected} bytes for ${workers} workers and ${total} gradient elements, received ${buffer.byteLength}. Build the worker's model from the same config as the main thread's.`,
    );
  }
  return { buffer, workers, sizes: [...sizes], offsets, total };
}

function slotViews(exchange: GradientExchange, worker: number) {
  if (!Number.isInteger(worker) || worker < 0 || worker >= exchange.workers) {
    throw new ShapeError(
      `gradient exchange: expected a worker index in [0, ${exchange.workers - 1}], received ${worker}.`,
    );
  }
  const start = worker * slotBytes(exchange);
  const header = headerBytes(exchange.sizes.length);
  return {
    scalars: new Float64Array(exchange.buffer, start, 2),
    present: new Uint8Array(exchange.buffer, start + 16, exchange.sizes.length),
    grads: new Float32Array(exchange.buffer, start + header, exchange.total),
  };
}

/**
 * A worker's report: its shard's mean loss, the examples in the shard, and the gradient of
 * that mean loss for each variable (null where the loss does not reach it).
 */
export interface ShardGradients {
  loss: number;
  examples: number;
  grads: readonly (Float32Array | null)[];
}

/** Writes worker `worker`'s shard gradients into its slot. */
export function writeShardGradients(
  exchange: GradientExchange,
  worker: number,
  shard: ShardGradients,
): void {
  const { scalars, present, grads } = slotViews(exchange, worker);
  if (shard.grads.length !== exchange.sizes.length) {
    throw new ShapeError(
      `writeShardGradients: worker ${worker} expected ${exchange.sizes.length} gradients (one per model variable), received ${shard.grads.length}. Build the worker's model from the same config as the main thread's.`,
    );
  }
  scalars[0] = shard.loss;
  scalars[1] = shard.examples;
  shard.grads.forEach((g, i) => {
    const offset = exchange.offsets[i] as number;
    const size = exchange.sizes[i] as number;
    if (g === null) {
      present[i] = 0;
      grads.fill(0, offset, offset + size);
      return;
    }
    if (g.length !== size) {
      throw new ShapeError(
        `writeShardGradients: worker ${worker}, variable ${i}: expected ${size} gradient elements, received ${g.length}. Build the worker's model from the same config as the main thread's.`,
      );
    }
    present[i] = 1;
    grads.set(g, offset);
  });
}

/** The whole batch's gradients, as one model on the whole batch would compute them. */
export interface CombinedGradients {
  /** Mean loss over all examples: the shard losses weighted by example count. */
  loss: number;
  examples: number;
  /** Per variable; null where no shard's loss reached it. */
  grads: (Float32Array | null)[];
}

/**
 * Sums the slots in worker order 0, 1, ... (so a run repeats exactly from its seed), each
 * shard's gradient weighted by its share of the examples: the gradient of the batch's mean
 * loss. Accumulates in float64 and rounds once.
 */
export function combineShardGradients(exchange: GradientExchange): CombinedGradients {
  const slots = Array.from({ length: exchange.workers }, (_, w) => slotViews(exchange, w));
  const examples = slots.reduce((sum, s) => sum + (s.scalars[1] as number), 0);
  if (!(examples > 0)) {
    throw new ShapeError(
      `combineShardGradients: expected the shards to hold at least one example, received ${examples}. Give each worker a shard of the batch before combining.`,
    );
  }
  const weights = slots.map((s) => (s.scalars[1] as number) / examples);
  let loss = 0;
  slots.forEach((s, w) => {
    loss += (weights[w] as number) * (s.scalars[0] as number);
  });
  const sum = new Float64Array(exchange.total);
  const reached = new Array<boolean>(exchange.sizes.length).fill(false);
  slots.forEach((s, w) => {
    const weight = weights[w] as number;
    if (weight === 0) return;
    for (let i = 0; i < exchange.sizes.length; i++) {
      if (s.present[i] !== 1) continue;
      reached[i] = true;
      const offset = exchange.offsets[i] as number;
      const end = offset + (exchange.sizes[i] as number);
      for (let j = offset; j < end; j++)
        sum[j] = (sum[j] as number) + weight * (s.grads[j] as number);
    }
  });
  const grads = exchange.sizes.map((size, i) => {
    if (!reached[i]) return null;
    const offset = exchange.offsets[i] as number;
    return Float32Array.from(sum.subarray(offset, offset + size));
  });
  return { loss, examples, grads };
}
