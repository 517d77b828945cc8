/**
 * Checks the arguments of a cell's `step(x, state)`, of initial states, and of a sequence
 * call's mask and initial state, against the cell's sizes.
 */
import { ShapeError } from '@recurrent/errors';
import type { Tensor2D } from '@tensorflow/tfjs-core';
import type { Cell } from './cell.js';
import { checkShape } from './check-shape.js';
import type { RnnOptions } from './rnn-options.js';

/** Throws unless `state` has one `[batch, size]` tensor per entry of `cell.stateSize`. */
export function checkState(
  who: string,
  cell: Pick<Cell, 'stateSize'>,
  batch: number,
  state: Tensor2D[],
): Tensor2D[] {
  if (!Array.isArray(state) || state.length !== cell.stateSize.length) {
    throw new ShapeError(
      `${who}: expected ${cell.stateSize.length} state tensor(s) of widths [${cell.stateSize.join(', ')}], got ${Array.isArray(state) ? state.length : typeof state}. Start from cell.initialState(batch).`,
    );
  }
  state.forEach((s, i) => {
    checkShape(
      who,
      `state[${i}]`,
      s,
      [batch, cell.stateSize[i]!],
      'Start from cell.initialState(batch) with the batch size of x.',
    );
  });
  return state;
}

/** Returns `state` after checking `x` is `[batch, inputSize]` and each state `[batch, size]`. */
export function checkStep(
  who: string,
  cell: Pick<Cell, 'inputSize' | 'stateSize'>,
  x: Tensor2D,
  state: Tensor2D[],
): Tensor2D[] {
  checkShape(
    who,
    'x',
    x,
    ['batch', cell.inputSize],
    'Pass one time step [batch, inputSize]; pass whole sequences to runRnn().',
  );
  return checkState(who, cell, x.shape[0], state);
}

/**
 * Throws unless the optional `mask` is `[batch, time]` (1 = real step, 0 = padding) and the
 * optional `initialState` has one `[batch, size]` tensor per entry of `cell.stateSize`.
 */
export function checkSequenceOptions(
  who: string,
  cell: Pick<Cell, 'stateSize'>,
  batch: number,
  time: number,
  options: Pick<RnnOptions, 'mask' | 'initialState'>,
): void {
  if (options.mask !== undefined) {
    checkShape(
      who,
      'mask',
      options.mask,
      [batch, time],
      'Pass a [batch, time] mask with 1 for real steps and 0 for padding.',
    );
  }
  if (options.initialState !== undefined) {
    checkState(`${who} initialState`, cell, batch, options.initialState);
  }
}
