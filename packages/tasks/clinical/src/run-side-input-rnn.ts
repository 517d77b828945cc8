/**
 * Deprecated: `runRnn` from `@recurrent/cells` now takes side inputs
 * (`runRnn(cell, x, { sideInputs: { observed, delta }, mask })`). This keeps the earlier
 * clinical name and its `side` option working; it is `runRnn` with `side` renamed.
 *
 * @example
 * const { output, sequence } = runSideInputRnn(cell, x, { side: { observed, delta }, mask, returnSequences: true });
 * // output [batch, units], sequence [batch, time, units]
 */
import { type GruDCell, type GruDSideInputName, type RnnResult, runRnn } from '@recurrent/cells';
import type * as tf from '@tensorflow/tfjs-core';

export interface SideInputRnnOptions {
  /** One `[batch, time, inputSize]` tensor per side input of the cell. */
  readonly side: Readonly<Record<GruDSideInputName, tf.Tensor3D>>;
  /** `[batch, time]`, 1 = real step, 0 = padding. Default: every step is real. */
  readonly mask?: tf.Tensor2D;
  /** Also return every step's output as `sequence`. Default false. */
  readonly returnSequences?: boolean;
  readonly training?: boolean;
}

/** @deprecated Use `runRnn(cell, x, { sideInputs, mask, returnSequences })` from `@recurrent/cells`. */
export function runSideInputRnn(
  cell: GruDCell,
  x: tf.Tensor3D,
  options: SideInputRnnOptions,
): RnnResult {
  const { side, ...rest } = options;
  return runRnn(cell, x, { ...rest, sideInputs: side });
}
