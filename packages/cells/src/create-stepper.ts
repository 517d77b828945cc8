/**
 * A stateful stepper for generation and online inference: feed one step (or a chunk of
 * steps), get the output, and the state is kept for the next call. The state lives in
 * `tf.keep`'d tensors owned by the stepper; each call disposes the state it replaces, so
 * stepping forever leaks nothing (even inside the caller's `tf.tidy`). Outputs belong to
 * the caller. Steps run with `training: false`.
 */
import { ConfigError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import type { Cell } from './cell.js';
import { checkInteger, checkShape } from './check-shape.js';
import { checkState } from './check-step.js';
import { runRnn } from './run-rnn.js';
import { checkStepSideInputs } from './side-inputs.js';

export interface StepperOptions {
  /** Rows fed at every call. */
  readonly batch: number;
  /** Start from this state (copied) instead of zeros. */
  readonly initialState?: tf.Tensor2D[];
}

export interface Stepper {
  readonly cell: Cell;
  readonly batch: number;
  /** The current state, `[batch, size]` per entry of `cell.stateSize`. Owned by the stepper. */
  readonly state: readonly tf.Tensor2D[];
  /**
   * One step: `x` `[batch, inputSize]` -> output `[batch, outputSize]` (the caller disposes
   * it). A cell with side inputs takes them as `{ sideInputs: { name: [batch, size] } }`.
   */
  step(
    x: tf.Tensor2D,
    options?: { readonly sideInputs?: Readonly<Record<string, tf.Tensor2D>> },
  ): tf.Tensor2D;
  /**
   * Several steps: `x` `[batch, time, inputSize]` -> outputs `[batch, time, outputSize]`
   * (zeros at masked steps, whose state is carried). The caller disposes the result.
   */
  stepChunk(
    x: tf.Tensor3D,
    options?: {
      readonly mask?: tf.Tensor2D;
      readonly sideInputs?: Readonly<Record<string, tf.Tensor3D>>;
    },
  ): tf.Tensor3D;
  /** Back to zeros, or to `state` (copied). */
  reset(state?: tf.Tensor2D[]): void;
  /** Frees the state; the stepper cannot be used afterwards. */
  dispose(): void;
}

function steppable(cell: Cell): boolean {
  if (cell.kind === 'bidirectional') return false;
  if (cell.kind === 'stack') {
    return (cell as Cell & { cells: readonly Cell[] }).cells.every(steppable);
  }
  return true;
}

/**
 * @example
 * const stepper = createStepper(lstmCell({ inputSize: 3, units: 4 }), { batch: 1 });
 * const y1 = stepper.step(tf.tensor2d([[1, 0, 0]])); // [1, 4]
 * const y2 = stepper.step(tf.tensor2d([[0, 1, 0]])); // continues from y1's state
 * stepper.reset();
 */
export function createStepper(cell: Cell, options: StepperOptions): Stepper {
  const who = 'createStepper';
  const batch = checkInteger(who, 'batch', options?.batch, 1);
  if (!steppable(cell)) {
    throw new ConfigError(
      `${who}: "${cell.name}" contains a bidirectional cell, whose backward direction needs the whole sequence, so it cannot be fed step by step. Run whole sequences with runRnn().`,
    );
  }
  let state: tf.Tensor2D[] = [];
  let disposed = false;

  const replace = (next: tf.Tensor2D[]): void => {
    const kept = next.map((s) => tf.keep(s));
    for (const old of state) if (!kept.includes(old)) old.dispose();
    state = kept;
  };
  const alive = (method: string): void => {
    if (disposed) {
      throw new ConfigError(
        `stepper.${method}: this stepper was disposed. Create a new one with createStepper().`,
      );
    }
  };
  const reset = (initial?: tf.Tensor2D[]): void => {
    if (initial) checkState(`stepper.reset`, cell, batch, initial);
    replace(tf.tidy(() => (initial ? initial.map((s) => tf.clone(s)) : cell.initialState(batch))));
  };
  reset(options.initialState);

  return {
    cell,
    batch,
    get state() {
      return state;
    },
    step(x, stepOptions = {}) {
      alive('step');
      checkShape(
        'stepper.step',
        'x',
        x,
        [batch, cell.inputSize],
        'Feed one step [batch, inputSize]; use stepChunk() for [batch, time, inputSize].',
      );
      checkStepSideInputs('stepper.step', cell, batch, stepOptions.sideInputs);
      const { output, next } = tf.tidy(() => {
        const res = cell.step(x, state, {
          training: false,
          ...(stepOptions.sideInputs && { sideInputs: stepOptions.sideInputs }),
        });
        return { output: tf.clone(res.output), next: res.state }; // the clone: output may alias h
      });
      replace(next);
      return output;
    },
    stepChunk(x, chunkOptions = {}) {
      alive('stepChunk');
      checkShape(
        'stepper.stepChunk',
        'x',
        x,
        [batch, 'time', cell.inputSize],
        'Feed [batch, time, inputSize]; use step() for one step.',
      );
      const result = runRnn(cell, x, {
        initialState: state,
        mask: chunkOptions.mask,
        sideInputs: chunkOptions.sideInputs,
        returnSequences: true,
        training: false,
      });
      replace(result.state);
      if (!result.state.includes(result.output)) result.output.dispose(); // output may alias h
      return result.sequence!;
    },
    reset(initial) {
      alive('reset');
      reset(initial);
    },
    dispose() {
      if (disposed) return;
      for (const s of state) s.dispose();
      state = [];
      disposed = true;
    },
  };
}
