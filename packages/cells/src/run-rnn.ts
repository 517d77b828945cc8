/**
 * The one time loop that runs every cell: `runRnn(cell, x [batch, time, in], options)`.
 * This is the readable reference implementation that the fused paths are tested against.
 *
 * Masks are `[batch, time]` float32 with 1 = real step, 0 = padding. At a padded step the
 * previous state is carried forward unchanged and the emitted output is zeros, so `output`
 * and `state` are those of each sequence's last real step. With `reverse` the loop walks
 * time from the end; padded steps at the end carry the initial state, so each row really
 * starts at its last real step (PyTorch's packed sequences do the same). `sequence` keeps
 * the original time order either way.
 *
 * Simple RNN, LSTM and GRU cells take their fused sequence path (`fusedPathFor`: the same
 * numbers, faster) unless `fused: false` asks for the step loop below. Stacks run layer by
 * layer over whole sequences (the same numbers as stepping the stack, and each layer may
 * take its fused path); bidirectional cells run their two directions.
 *
 * Side inputs (`options.sideInputs`, one `[batch, time, size]` tensor per name in
 * `cell.sideInputs`) are checked against the cell's declaration, sliced per step and passed
 * to `cell.step` as `[batch, size]` tensors; stacks and bidirectional cells hand each part
 * the ones it declares. Side-input cells take the step loop.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BidirectionalCell } from './bidirectional.js';
import type { Cell, StepOptions } from './cell.js';
import { checkShape } from './check-shape.js';
import { checkSequenceOptions } from './check-step.js';
import { fusedPathFor } from './fused/fused-path.js';
import type { RnnOptions, RnnResult } from './rnn-options.js';
import { checkSequenceSideInputs, sideInputsFor } from './side-inputs.js';
import type { StackedCell } from './stack-cells.js';

/** Runs `fn` in a `tf.tidy` that keeps (only) the tensors of the returned result. */
function tidyResult(fn: () => RnnResult): RnnResult {
  return tf.tidy(fn as unknown as () => tf.TensorContainer) as unknown as RnnResult;
}

/** Splits a state list into consecutive parts of `parts[i].stateSize.length` tensors. */
function splitState(
  parts: readonly Cell[],
  state: tf.Tensor2D[] | undefined,
): (tf.Tensor2D[] | undefined)[] {
  let at = 0;
  return parts.map((p) => {
    const part = state?.slice(at, at + p.stateSize.length);
    at += p.stateSize.length;
    return part;
  });
}

function checkOptions(cell: Cell, x: tf.Tensor3D, options: RnnOptions): void {
  const who = `runRnn(${cell.name})`;
  checkShape(
    who,
    'x',
    x,
    ['batch', 'time', cell.inputSize],
    'Pass batch-major sequences [batch, time, inputSize]; for one step use cell.step().',
  );
  const [batch, time] = x.shape;
  checkSequenceOptions(who, cell, batch, time, options);
  checkSequenceSideInputs(who, cell, batch, time, options.sideInputs);
}

/** The step loop over one cell that can step (rnn, lstm, gru, or a stack used step-wise). */
function runLoop(cell: Cell, x: tf.Tensor3D, options: RnnOptions): RnnResult {
  const [batch, time] = x.shape;
  const xs = tf.unstack(x, 1) as tf.Tensor2D[]; // time x [batch, in]
  const mask = options.mask && tf.cast(options.mask, 'float32'); // [batch, time]
  const ms = mask && (tf.unstack(tf.expandDims(mask, 2), 1) as tf.Tensor2D[]); // time x [batch, 1]
  const sides = Object.entries(options.sideInputs ?? {}).map(
    ([name, s]) => [name, tf.unstack(s, 1) as tf.Tensor2D[]] as const, // time x [batch, size]
  );
  const stepOptions = (t: number): StepOptions => ({
    training: options.training === true,
    ...(sides.length > 0 && { sideInputs: Object.fromEntries(sides.map(([n, s]) => [n, s[t]!])) }),
  });
  const given = new Set<tf.Tensor>(options.initialState ?? []);
  let state = options.initialState ?? cell.initialState(batch); // [batch, size] each
  let last: tf.Tensor2D = tf.zeros([batch, cell.outputSize]); // last real output
  const emitted: tf.Tensor2D[] = new Array(time);
  const kept = new Set<tf.Tensor>(); // tensors in `emitted`

  for (let k = 0; k < time; k++) {
    const t = options.reverse ? time - 1 - k : k;
    const prev = { state, last };
    const next = tf.tidy(() => {
      const res = cell.step(xs[t]!, prev.state, stepOptions(t));
      const m = ms?.[t]; // [batch, 1]
      if (!m) return { state: res.state, last: res.output, out: res.output };
      const carry = tf.sub(1, m); // [batch, 1]
      const blend = (now: tf.Tensor2D, before: tf.Tensor2D): tf.Tensor2D =>
        tf.add(tf.mul(m, now), tf.mul(carry, before)); // [batch, size]
      return {
        state: res.state.map((s, i) => blend(s, prev.state[i]!)),
        last: blend(res.output, prev.last),
        out: tf.mul(m, res.output) as tf.Tensor2D, // zeros at padded steps
      };
    });
    if (options.returnSequences) {
      emitted[t] = next.out;
      kept.add(next.out);
    }
    // Free the previous carry unless it is still in use (aliasing is common: h is the output).
    const live = new Set<tf.Tensor>([...next.state, next.last]);
    for (const old of new Set<tf.Tensor>([...prev.state, prev.last])) {
      if (!live.has(old) && !kept.has(old) && !given.has(old)) old.dispose();
    }
    if (!options.returnSequences && next.out !== next.last && !live.has(next.out)) {
      next.out.dispose();
    }
    state = next.state;
    last = next.last;
  }
  const sequence = options.returnSequences
    ? (tf.stack(emitted, 1) as tf.Tensor3D) // [batch, time, out]
    : undefined;
  return sequence ? { output: last, sequence, state } : { output: last, state };
}

/** Layer by layer over whole sequences; dropout masks are drawn once per sequence. */
function runStack(stack: StackedCell, x: tf.Tensor3D, options: RnnOptions): RnnResult {
  const [batch] = x.shape;
  const inits = splitState(stack.cells, options.initialState);
  const drop = options.training ? stack.dropoutMasks(batch, options.dropoutSeed) : []; // [batch, size] each
  const state: tf.Tensor2D[] = [];
  let input = x; // [batch, time, size of the layer below]
  let result: RnnResult | undefined;
  stack.cells.forEach((layer, k) => {
    const top = k === stack.cells.length - 1;
    result = runRnn(layer, input, {
      ...options,
      initialState: inits[k],
      returnSequences: top ? options.returnSequences : true,
      sideInputs: sideInputsFor(layer, options.sideInputs),
    });
    state.push(...result.state);
    const mask = drop[k];
    if (!top) input = mask ? tf.mul(result.sequence!, tf.expandDims(mask, 1)) : result.sequence!;
  });
  const { output, sequence } = result!;
  return sequence ? { output, sequence, state } : { output, state };
}

/** Forward cell over time, backward cell against it, outputs merged step by step. */
function runBidirectional(cell: BidirectionalCell, x: tf.Tensor3D, options: RnnOptions): RnnResult {
  const [fInit, bInit] = splitState([cell.forward, cell.backward], options.initialState);
  const reverse = options.reverse === true;
  const f = runRnn(cell.forward, x, {
    ...options,
    initialState: fInit,
    reverse,
    sideInputs: sideInputsFor(cell.forward, options.sideInputs),
  });
  const b = runRnn(cell.backward, x, {
    ...options,
    initialState: bInit,
    reverse: !reverse,
    sideInputs: sideInputsFor(cell.backward, options.sideInputs),
  });
  const output = cell.mergeOutputs(f.output, b.output); // [batch, out]
  const state = [...f.state, ...b.state];
  if (!options.returnSequences) return { output, state };
  const sequence = cell.mergeOutputs(f.sequence!, b.sequence!); // [batch, time, out]
  return { output, sequence, state };
}

/**
 * Runs `cell` over `x` `[batch, time, inputSize]`.
 *
 * @example
 * const cell = lstmCell({ inputSize: 3, units: 4 });
 * const x = tf.randomNormal([2, 5, 3]) as tf.Tensor3D;
 * const mask = tf.tensor2d([[1, 1, 1, 1, 1], [1, 1, 0, 0, 0]]); // row 1 has 2 real steps
 * const { output, sequence, state } = runRnn(cell, x, { mask, returnSequences: true });
 * // output [2, 4] (last real step), sequence [2, 5, 4] (zeros where masked), state [h, c]
 *
 * // a cell with side inputs (GRU-D) takes them beside x, [batch, time, size] each:
 * runRnn(gruDCell({ inputSize: 3, units: 4 }), x, { mask, sideInputs: { observed, delta } });
 */
export function runRnn(cell: Cell, x: tf.Tensor3D, options: RnnOptions = {}): RnnResult {
  checkOptions(cell, x, options);
  const fused = fusedPathFor(cell, x, options); // rnn, lstm, gru unless options.fused is false
  if (fused) return tidyResult(fused);
  return tidyResult(() => {
    if (cell.kind === 'bidirectional') {
      return runBidirectional(cell as BidirectionalCell, x, options);
    }
    if (cell.kind === 'stack') return runStack(cell as StackedCell, x, options);
    return runLoop(cell, x, options);
  });
}
