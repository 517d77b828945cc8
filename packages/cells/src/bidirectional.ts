/**
 * A bidirectional RNN: one cell reads each sequence forwards, another reads it backwards
 * (starting at each sequence's last real step when a mask is given, as PyTorch's packed
 * sequences do), and their outputs are merged at every step. The state is the forward
 * state followed by the backward state.
 *
 * It needs whole sequences, so it is run by `runRnn` (which special-cases it); `step()`
 * throws. It can be a layer of `stackCells` (PyTorch's `bidirectional=True, num_layers=2`
 * is `stackCells([bidirectional(f0, b0), bidirectional(f1, b1)])`). Side inputs: the pair
 * declares every side input either cell declares; both directions read the same tensor at
 * step t (a GRU-D `delta` counts forward in time, so a backward GRU-D sees forward gaps).
 */
import { ConfigError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import type { Cell, StepResult } from './cell.js';
import { checkChoice } from './check-shape.js';
import { collectWeights } from './collect-weights.js';
import { combineSideInputs } from './side-inputs.js';

export type MergeMode = 'concat' | 'sum' | 'mean';

export interface BidirectionalOptions {
  /** How the two directions' outputs combine at each step. */
  readonly merge?: MergeMode;
  /** Name of the pair (it has no weights of its own). */
  readonly name?: string;
}

export const bidirectionalDefaults = Object.freeze({
  merge: 'concat' as MergeMode, // keeps both directions' information, as Keras and PyTorch do
  name: 'bidirectional_0', // only for messages: the cells' weights keep their own names
});

export interface BidirectionalCell extends Cell {
  readonly kind: 'bidirectional';
  readonly forward: Cell;
  readonly backward: Cell;
  readonly merge: MergeMode;
  /** Merges the two directions' outputs along the last axis (`[..., f]`, `[..., b]`). */
  mergeOutputs<T extends tf.Tensor>(forward: T, backward: T): T;
}

/**
 * @example
 * const bi = bidirectional(
 *   lstmCell({ inputSize: 8, units: 16, name: 'fwd' }),
 *   lstmCell({ inputSize: 8, units: 16, name: 'bwd' }),
 * );
 * const { sequence } = runRnn(bi, x, { mask, returnSequences: true }); // [batch, time, 32]
 */
export function bidirectional(
  forward: Cell,
  backward: Cell,
  options: BidirectionalOptions = {},
): BidirectionalCell {
  const who = 'bidirectional';
  const o = { ...bidirectionalDefaults, ...options };
  const merge = checkChoice(who, 'merge', o.merge, ['concat', 'sum', 'mean'] as const);
  if (forward.inputSize !== backward.inputSize) {
    throw new ConfigError(
      `${who}: the forward cell takes inputs of size ${forward.inputSize} but the backward cell ${backward.inputSize}. Create both with the same inputSize.`,
    );
  }
  if (merge !== 'concat' && forward.outputSize !== backward.outputSize) {
    throw new ConfigError(
      `${who}: merge '${merge}' needs equal output sizes, got ${forward.outputSize} and ${backward.outputSize}. Use merge: 'concat' or cells with the same units.`,
    );
  }
  const weights = collectWeights(who, [forward, backward]);
  const sideInputs = combineSideInputs(who, [forward, backward]);

  const cell: BidirectionalCell = {
    kind: 'bidirectional',
    name: o.name,
    inputSize: forward.inputSize,
    outputSize: merge === 'concat' ? forward.outputSize + backward.outputSize : forward.outputSize,
    stateSize: Object.freeze([...forward.stateSize, ...backward.stateSize]),
    weights,
    sideInputs,
    forward,
    backward,
    merge,
    initialState: (batch) => [...forward.initialState(batch), ...backward.initialState(batch)],
    mergeOutputs<T extends tf.Tensor>(f: T, b: T): T {
      return tf.tidy(() => {
        if (merge === 'concat') return tf.concat([f, b], -1) as T; // [..., f + b]
        if (merge === 'sum') return tf.add(f, b) as T; // [..., units]
        return tf.mul(tf.add(f, b), 0.5) as T; // [..., units]
      });
    },
    step(): StepResult {
      throw new ConfigError(
        `${who}.step: a bidirectional cell cannot take one step at a time, because its backward direction starts at the end of the sequence. Run whole sequences with runRnn(cell, x).`,
      );
    },
  };
  return Object.freeze(cell);
}
