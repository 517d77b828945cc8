/**
 * Picks the fused sequence path for a cell: `runRnn` asks `fusedPathFor(cell, x, options)`
 * and runs the returned thunk instead of its step loop when there is one. Simple RNN, LSTM
 * and GRU cells have a fused path; stacks and bidirectional cells have none of their own
 * (`runRnn` runs them layer by layer and direction by direction, each taking its fused
 * path). `options.fused === false` forces the step loop; cells with side inputs (GRU-D)
 * have no fused path.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Cell, GruCell, LstmCell, SimpleRnnCell } from '../cell.js';
import type { RnnOptions, RnnResult } from '../rnn-options.js';
import { gruSequence } from './gru-sequence.js';
import { lstmSequence } from './lstm-sequence.js';
import { rnnSequence } from './rnn-sequence.js';

/** The step-loop options that the fused paths take (dropout and `fused` are not theirs). */
function sequenceOptions(options: RnnOptions) {
  const { mask, initialState, returnSequences, reverse } = options;
  return { mask, initialState, returnSequences, reverse };
}

/**
 * A thunk that runs `cell` over `x` on its fused path, or `undefined` when the cell has
 * none (or `options.fused` is `false`).
 *
 * @example
 * const run = fusedPathFor(cell, x, { mask });
 * const result = run ? run() : loopOverSteps(cell, x, { mask });
 */
export function fusedPathFor(
  cell: Cell,
  x: tf.Tensor3D,
  options: RnnOptions = {},
): (() => RnnResult) | undefined {
  if (options.fused === false || (cell.sideInputs?.length ?? 0) > 0) return undefined;
  const o = sequenceOptions(options);
  switch (cell.kind) {
    case 'lstm': {
      const c = cell as LstmCell;
      const lstm = { ...o, recurrentActivation: c.recurrentActivation };
      if (!c.recurrentBias) return () => lstmSequence(x, c, lstm);
      // PyTorch's two biases enter the gates as their sum; its gradient reaches both.
      return () =>
        tf.tidy(() => {
          const { kernel, recurrentKernel } = c;
          const bias = tf.add(c.bias, c.recurrentBias!); // [4*units]
          const result = lstmSequence(x, { kernel, recurrentKernel, bias }, lstm);
          return result as unknown as tf.TensorContainer; // tidy keeps the result's tensors
        }) as unknown as RnnResult;
    }
    case 'gru': {
      const c = cell as GruCell;
      return () =>
        gruSequence(x, c, {
          ...o,
          resetAfter: c.resetAfter,
          recurrentActivation: c.recurrentActivation,
        });
    }
    case 'rnn': {
      const c = cell as SimpleRnnCell;
      return () => rnnSequence(x, c, { ...o, activation: c.activation });
    }
    default:
      return undefined;
  }
}
