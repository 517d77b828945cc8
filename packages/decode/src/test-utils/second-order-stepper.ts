/**
 * Test helper: a second-order Markov chain as a stepper whose state is a real tensor (the
 * previous token, `[batch]` int32), so a wrong row reordering gives wrong logits. The next
 * token's logits are `table[previous][current]`. `logProbOf` scores a sequence by brute
 * force, for checking beam search.
 */
import * as tf from '@tensorflow/tfjs-core';
import { gatherStateRows } from '../gather-state-rows.js';
import type { BeamStepper } from '../stepper.js';

export interface SecondOrderStepper extends BeamStepper<tf.Tensor1D> {
  readonly vocab: number;
  /** A state whose every row remembers `previous` as the token before the start token. */
  initialState(previous: number[]): tf.Tensor1D;
  /** log P(tokens | previous, start) under the chain (natural log). */
  logProbOf(previous: number, start: number, tokens: number[]): number;
  /** How many times step() ran. */
  readonly steps: number;
  dispose(): void;
}

export function secondOrderStepper(table: number[][][]): SecondOrderStepper {
  const vocab = table.length;
  const flat = tf.tensor2d(table.flat(2), [vocab * vocab, vocab]); // [vocab*vocab, vocab]
  let steps = 0;
  const logSoftmax = (row: number[]): number[] => {
    const m = Math.max(...row);
    const z = m + Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
    return row.map((v) => v - z);
  };
  return {
    vocab,
    get steps() {
      return steps;
    },
    step(tokens, state) {
      steps++;
      const current = tf.tensor1d(tokens, 'int32'); // [batch]
      const logits = tf.tidy(() => {
        const index = tf.add(tf.mul(state, tf.scalar(vocab, 'int32')), current); // [batch]
        return tf.gather(flat, index) as tf.Tensor2D; // [batch, vocab]
      });
      return { logits, state: current };
    },
    selectRows: gatherStateRows,
    initialState: (previous) => tf.tensor1d(previous, 'int32'),
    logProbOf(previous, start, tokens) {
      let [a, b] = [previous, start];
      let lp = 0;
      for (const t of tokens) {
        lp += logSoftmax((table[a] as number[][])[b] as number[])[t] as number;
        [a, b] = [b, t];
      }
      return lp;
    },
    dispose: () => flat.dispose(),
  };
}

/** A random [vocab][vocab][vocab] table of logits from a seeded generator. */
export function randomTable(vocab: number, next: () => number, scale = 2): number[][][] {
  return Array.from({ length: vocab }, () =>
    Array.from({ length: vocab }, () =>
      Array.from({ length: vocab }, () => scale * (next() * 2 - 1)),
    ),
  );
}
