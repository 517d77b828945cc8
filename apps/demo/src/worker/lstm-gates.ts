/**
 * An LSTM run step by step over a short sequence, keeping every step's state and gates for
 * the visualisations (the cell lab, the hidden-state view). Each step is `lstmStepGates` from
 * `@recurrent/cells`: the cell's own weights and equations (Keras order i, f, c, o), whose
 * state equals `cell.step`'s.
 */
import { type LstmCell, lstmStepGates } from '@recurrent/cells';
import * as tf from '@tensorflow/tfjs-core';

export type LstmTraceKey = 'h' | 'c' | 'i' | 'f' | 'o' | 'g';
export type LstmTraceArrays = Record<LstmTraceKey, number[][]>;

const traceKeys: readonly LstmTraceKey[] = ['h', 'c', 'i', 'f', 'o', 'g'];

/**
 * Runs `cell` over `xs` (one `[1, inputSize]` input per step) and returns every step's
 * h, c and gates as plain arrays `[time][units]`. Reads back once, asynchronously (a
 * synchronous read stalls the GPU backends); frees every tensor it made.
 */
export async function lstmTrace(
  cell: LstmCell,
  xs: readonly tf.Tensor2D[],
): Promise<LstmTraceArrays> {
  const steps: Record<LstmTraceKey, tf.Tensor2D>[] = [];
  const initial = cell.initialState(1);
  let state = initial;
  for (const x of xs) {
    const { state: next, i, f, o, g } = lstmStepGates(cell, x, state);
    steps.push({ h: next[0], c: next[1], i, f, o, g }); // each [1, units]
    state = next;
  }
  tf.dispose(initial);
  const stacked = tf.tidy(() =>
    traceKeys.map((key) =>
      tf.concat(
        steps.map((s) => s[key]),
        0,
      ),
    ),
  ); // each [time, units]
  for (const s of steps) tf.dispose(Object.values(s));
  try {
    const arrays = await Promise.all(stacked.map((t) => t.array() as Promise<number[][]>));
    return Object.fromEntries(traceKeys.map((key, k) => [key, arrays[k]!])) as LstmTraceArrays;
  } finally {
    tf.dispose(stacked);
  }
}
