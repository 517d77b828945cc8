/**
 * The time loop for cells with per-step side inputs (GRU-D): `runRnn`'s semantics with one
 * more argument. `side` holds one `[batch, time, inputSize]` tensor per name in
 * `cell.sideInputs`; step t reads `x[:, t]` and `side[name][:, t]`. The mask is `[batch,
 * time]` float32, 1 = real step, 0 = padding: at a padded step the previous state is
 * carried forward and the emitted output is zeros, so `output` and `state` are those of
 * each sequence's last real step.
 *
 * @example
 * const { output, sequence } = runSideInputRnn(cell, x, { side: { observed, delta }, mask, returnSequences: true });
 * // output [batch, units], sequence [batch, time, units]
 */
import type { RnnResult } from '@recurrent/cells';
import { ConfigError, ShapeError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import type { GruDCell, SideInputName } from './gru-d-cell.js';

export interface SideInputRnnOptions {
  /** One `[batch, time, inputSize]` tensor per side input of the cell. */
  readonly side: Readonly<Record<SideInputName, tf.Tensor3D>>;
  /** `[batch, time]`, 1 = real step, 0 = padding. Default: every step is real. */
  readonly mask?: tf.Tensor2D;
  /** Also return every step's output as `sequence`. Default false. */
  readonly returnSequences?: boolean;
  readonly training?: boolean;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export function runSideInputRnn(
  cell: GruDCell,
  x: tf.Tensor3D,
  options: SideInputRnnOptions,
): RnnResult {
  const who = `runSideInputRnn(${cell.name})`;
  if (x.rank !== 3 || x.shape[2] !== cell.inputSize) {
    throw new ShapeError(
      `${who}: expected x of shape [batch, time, ${cell.inputSize}], got [${x.shape.join(', ')}]. For one step use cell.step().`,
    );
  }
  const [batch, time] = x.shape;
  for (const name of cell.sideInputs) {
    const s = options.side?.[name];
    if (!s) {
      throw new ConfigError(
        `${who}: expected side input "${name}" ([batch, time, ${cell.inputSize}]), got none. The cell reads ${cell.sideInputs.join(', ')} at every step.`,
      );
    }
    if (!sameShape(s.shape, x.shape)) {
      throw new ShapeError(
        `${who}: expected side input "${name}" of x's shape [${x.shape.join(', ')}], got [${s.shape.join(', ')}].`,
      );
    }
  }
  if (options.mask && !sameShape(options.mask.shape, [batch, time])) {
    throw new ShapeError(
      `${who}: expected mask of shape [${batch}, ${time}] (1 = real step, 0 = padding), got [${options.mask.shape.join(', ')}].`,
    );
  }
  return tf.tidy(() => {
    const xs = tf.unstack(x, 1) as tf.Tensor2D[]; // time x [batch, in]
    const observed = tf.unstack(options.side.observed, 1) as tf.Tensor2D[]; // time x [batch, in]
    const delta = tf.unstack(options.side.delta, 1) as tf.Tensor2D[]; // time x [batch, in]
    const ms = options.mask && (tf.unstack(tf.expandDims(options.mask, 2), 1) as tf.Tensor2D[]); // time x [batch, 1]
    let state = cell.initialState(batch); // [h, xLast]
    let last: tf.Tensor2D = tf.zeros([batch, cell.outputSize]); // output at the last real step
    const emitted: tf.Tensor2D[] = [];
    for (let t = 0; t < time; t++) {
      const res = cell.step(xs[t]!, state, {
        side: { observed: observed[t]!, delta: delta[t]! },
        ...(options.training !== undefined ? { training: options.training } : {}),
      });
      const m = ms?.[t]; // [batch, 1]
      if (!m) {
        state = res.state;
        last = res.output;
        emitted.push(res.output);
        continue;
      }
      const carry = tf.sub(1, m); // [batch, 1]
      const blend = (now: tf.Tensor2D, before: tf.Tensor2D) =>
        tf.add(tf.mul(m, now), tf.mul(carry, before)) as tf.Tensor2D; // [batch, size]
      state = res.state.map((s, i) => blend(s, state[i]!));
      last = blend(res.output, last);
      emitted.push(tf.mul(m, res.output) as tf.Tensor2D); // zeros at padded steps
    }
    const output = last;
    if (!options.returnSequences) return { output, state };
    return { output, sequence: tf.stack(emitted, 1) as tf.Tensor3D, state }; // [batch, time, units]
  }) as unknown as RnnResult;
}
