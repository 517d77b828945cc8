/**
 * Test helper for the fused paths: runs a fused sequence function and the step loop
 * `runRnn(cell, x, { fused: false })` on the same inputs and weights, and returns the
 * largest differences of the results and of the gradients of a loss that weighs every
 * result (output, sequence, each state) with fixed random tensors.
 */
import { createRandom } from '@recurrent/random';
import * as tf from '@tensorflow/tfjs-core';
import type { Cell } from '../cell.js';
import type { RnnOptions, RnnResult } from '../rnn-options.js';
import { runRnn } from '../run-rnn.js';
import { tensorDiff } from './numbers.js';

export interface ParityCase {
  readonly batch: number;
  readonly time: number;
  /** Real steps of each row (padding at the end); omit for no mask. */
  readonly lengths?: readonly number[];
  readonly reverse?: boolean;
  readonly returnSequences?: boolean;
  /** Start from a random initial state instead of zeros. */
  readonly randomState?: boolean;
  readonly seed?: number;
}

/** The cases every fused path is checked on: full length, masks, reverse, states. */
export const parityCases: readonly (readonly [string, ParityCase])[] = [
  ['full length', { batch: 3, time: 5 }],
  ['sequence, random state', { batch: 2, time: 4, returnSequences: true, randomState: true }],
  ['masked', { batch: 3, time: 6, lengths: [6, 3, 1], returnSequences: true }],
  ['reverse', { batch: 2, time: 5, reverse: true, returnSequences: true }],
  [
    'masked reverse, random state, a row without steps',
    {
      batch: 3,
      time: 5,
      lengths: [5, 2, 0],
      reverse: true,
      returnSequences: true,
      randomState: true,
    },
  ],
];

export type FusedRun = (x: tf.Tensor3D, options: RnnOptions) => RnnResult;

/** Seeded normal values as a tensor. */
export function seededNormal(shape: number[], seed: number, scale = 1): tf.Tensor {
  const rng = createRandom(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Float32Array.from({ length: n }, () => rng.normal() * scale),
    shape,
  );
}

/** A `[batch, time]` mask with `lengths[b]` ones at the start of each row. */
export function lengthMask(lengths: readonly number[], time: number): tf.Tensor2D {
  return tf.tensor2d(lengths.map((n) => Array.from({ length: time }, (_, t) => (t < n ? 1 : 0))));
}

function weightedLoss(res: RnnResult, weights: tf.Tensor[]): tf.Scalar {
  const parts = [res.output, ...res.state, ...(res.sequence ? [res.sequence] : [])];
  return parts
    .map((p, k) => tf.sum(tf.mul(p, weights[k]!)) as tf.Scalar)
    .reduce((a, b) => tf.add(a, b));
}

/** Max |fused - loop| over the results (`values`) and over all gradients (`grads`). */
export function fusedVsLoop(
  cell: Cell,
  run: FusedRun,
  c: ParityCase,
): { values: number; grads: number } {
  return tf.tidy(() => {
    const seed = c.seed ?? 7;
    const x = tf.variable(
      seededNormal([c.batch, c.time, cell.inputSize], seed),
    ) as tf.Variable<tf.Rank.R3>;
    const init = c.randomState
      ? cell.stateSize.map((size, k) =>
          tf.variable(seededNormal([c.batch, size], seed + 10 + k, 0.5)),
        )
      : undefined;
    const mask = c.lengths ? lengthMask(c.lengths, c.time) : undefined;
    const options: RnnOptions = {
      ...(mask ? { mask } : {}),
      ...(init ? { initialState: init as tf.Tensor2D[] } : {}),
      reverse: c.reverse === true,
      returnSequences: c.returnSequences === true,
    };
    const parts = 1 + cell.stateSize.length + (c.returnSequences ? 1 : 0);
    const lossWeights = Array.from({ length: parts }, (_, k) =>
      k === parts - 1 && c.returnSequences
        ? seededNormal([c.batch, c.time, cell.outputSize], seed + 20 + k)
        : seededNormal([c.batch, cell.outputSize], seed + 20 + k),
    );
    const vars = [x, ...(init ?? []), ...cell.weights.map((w) => w.variable)];
    const measure = (f: () => RnnResult) => {
      const res = f();
      const { grads } = tf.variableGrads(() => weightedLoss(f(), lossWeights), vars);
      return { res, grads: vars.map((v) => grads[v.name]!) };
    };
    const fused = measure(() => run(x, options));
    const loop = measure(() => runRnn(cell, x, { ...options, fused: false }));
    let values = tensorDiff(fused.res.output, loop.res.output);
    fused.res.state.forEach((s, k) => {
      values = Math.max(values, tensorDiff(s, loop.res.state[k]!));
    });
    if (c.returnSequences) {
      values = Math.max(values, tensorDiff(fused.res.sequence!, loop.res.sequence!));
    }
    let grads = 0;
    fused.grads.forEach((g, k) => {
      grads = Math.max(grads, tensorDiff(g, loop.grads[k]!));
    });
    vars.forEach((v) => {
      if (!cell.weights.some((w) => w.variable === v)) v.dispose();
    });
    return { values, grads };
  });
}
