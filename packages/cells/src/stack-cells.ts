/**
 * A deep (stacked) RNN is itself a cell: layer k's output is layer k+1's input at every
 * time step; the state is the layers' states one after the other. Optional dropout between
 * layers (inverted, only while training) uses one mask per sequence, the same at every
 * time step (Gal & Ghahramani 2016), drawn from a seeded `@recurrent/random` stream.
 *
 * `runRnn(stack, x)` runs the layers one after the other over whole sequences (which also
 * lets each layer take the fused path and lets layers be `bidirectional`); `stack.step()`
 * steps every layer once, for streaming. Side inputs: the stack declares every side input
 * its layers declare, and each layer is handed the ones it reads.
 */
import { ConfigError } from '@recurrent/errors';
import { createRandom } from '@recurrent/random';
import * as tf from '@tensorflow/tfjs-core';
import type { Cell, StepOptions, StepResult } from './cell.js';
import { checkStep } from './check-step.js';
import { collectWeights } from './collect-weights.js';
import { checkStepSideInputs, combineSideInputs, sideInputsFor } from './side-inputs.js';

export interface StackCellsOptions {
  /** Fraction of each layer's outputs dropped before the next layer while training. */
  readonly dropout?: number;
  /** Seed of the dropout masks. */
  readonly seed?: number;
  /** Name of the stack (it has no weights of its own). */
  readonly name?: string;
}

export const stackCellsDefaults = Object.freeze({
  dropout: 0, // no regularisation unless asked: small models and parity tests need none
  seed: 0, // the same dropout masks on every run unless another seed is asked for
  name: 'stack_0', // only for messages: the layers' weights keep their own names
});

export interface StackedCell extends Cell {
  readonly kind: 'stack';
  readonly cells: readonly Cell[];
  readonly dropout: number;
  /**
   * One inverted-dropout mask `[batch, size]` per boundary between layers (values 0 or
   * `1 / (1 - dropout)`); empty when `dropout` is 0. `runRnn` calls it once per sequence.
   * With a `seed`, the masks are a function of it alone (resumable); without, they come
   * from the stack's own stream.
   */
  dropoutMasks(batch: number, seed?: number): tf.Tensor2D[];
}

/**
 * @example
 * const deep = stackCells([
 *   lstmCell({ inputSize: 8, units: 32, name: 'lstm_0' }),
 *   lstmCell({ inputSize: 32, units: 32, name: 'lstm_1' }),
 * ], { dropout: 0.2 });
 * const { output } = runRnn(deep, x, { training: true });
 */
export function stackCells(cells: readonly Cell[], options: StackCellsOptions = {}): StackedCell {
  const who = 'stackCells';
  const o = { ...stackCellsDefaults, ...options };
  if (!Array.isArray(cells) || cells.length === 0) {
    throw new ConfigError(
      `${who}: expected a non-empty array of cells, got ${Array.isArray(cells) ? 'an empty array' : typeof cells}. Pass e.g. stackCells([lstmCell(...), lstmCell(...)]).`,
    );
  }
  if (typeof o.dropout !== 'number' || !(o.dropout >= 0 && o.dropout < 1)) {
    throw new ConfigError(
      `${who}: expected dropout in [0, 1), got ${o.dropout}. Pass e.g. dropout: 0.2.`,
    );
  }
  cells.forEach((cell, k) => {
    const below = cells[k - 1];
    if (below && below.outputSize !== cell.inputSize) {
      throw new ConfigError(
        `${who}: layer ${k} ("${cell.name}") expects inputs of size ${cell.inputSize}, but layer ${k - 1} ("${below.name}") outputs ${below.outputSize}. Create layer ${k} with inputSize: ${below.outputSize}.`,
      );
    }
  });
  const weights = collectWeights(who, cells);
  const sideInputs = combineSideInputs(who, cells);
  const rng = createRandom(o.seed);
  const first = cells[0]!;
  const top = cells[cells.length - 1]!;
  const stateSize = Object.freeze(cells.flatMap((c) => [...c.stateSize]));

  /** Splits the stack's state into one list per layer. */
  const perLayer = <T>(state: readonly T[]): T[][] => {
    let at = 0;
    return cells.map((c) => {
      const part = state.slice(at, at + c.stateSize.length);
      at += c.stateSize.length;
      return part;
    });
  };

  const stack: StackedCell = {
    kind: 'stack',
    name: o.name,
    inputSize: first.inputSize,
    outputSize: top.outputSize,
    stateSize,
    weights,
    sideInputs,
    cells: Object.freeze([...cells]),
    dropout: o.dropout,
    initialState: (batch) => cells.flatMap((c) => c.initialState(batch)),
    dropoutMasks(batch, seed) {
      if (o.dropout === 0) return [];
      const scale = 1 / (1 - o.dropout);
      const draw = seed === undefined ? rng : createRandom(seed); // a seed: masks a checkpoint can repeat
      return cells.slice(0, -1).map((c) => {
        const values = new Float32Array(batch * c.outputSize);
        for (let i = 0; i < values.length; i++) values[i] = draw.next() < o.dropout ? 0 : scale;
        return tf.tensor2d(values, [batch, c.outputSize]); // [batch, size]
      });
    },
    step(x, state, stepOptions: StepOptions = {}): StepResult {
      checkStep(`${who}.step`, stack, x, state);
      checkStepSideInputs(`${who}.step`, stack, x.shape[0], stepOptions.sideInputs);
      if (stepOptions.training && o.dropout > 0) {
        throw new ConfigError(
          `${who}.step: dropout between layers needs one mask per whole sequence, so a single training step cannot apply it. Train with runRnn(stack, x, { training: true }), or step with training: false.`,
        );
      }
      return tf.tidy(() => {
        const parts = perLayer(state);
        let input = x; // [batch, size of the layer below]
        const next: tf.Tensor2D[] = [];
        cells.forEach((cell, k) => {
          const res = cell.step(input, parts[k]!, {
            ...stepOptions,
            sideInputs: sideInputsFor(cell, stepOptions.sideInputs),
          });
          next.push(...res.state);
          input = res.output;
        });
        return { output: input, state: next };
      });
    },
  };
  return Object.freeze(stack);
}
