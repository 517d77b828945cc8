/**
 * One LSTM step that also returns its gates, for the visualisations. The new state comes
 * from the library's own `cell.step` (what training uses); the gates are recomputed from the
 * cell's weights with the same equations (Keras order i, f, c, o):
 *
 *   z = x K + h R + b;  i = s(z_i);  f = s(z_f);  o = s(z_o);  g = tanh(z_c)
 *   c' = f * c + i * g;  h' = o * tanh(c')
 */
import type { LstmCell } from '@recurrent/cells';
import * as tf from '@tensorflow/tfjs-core';

export interface LstmGateStep {
  readonly h: tf.Tensor2D; // [batch, units]
  readonly c: tf.Tensor2D; // [batch, units]
  readonly i: tf.Tensor2D; // [batch, units]
  readonly f: tf.Tensor2D; // [batch, units]
  readonly o: tf.Tensor2D; // [batch, units]
  readonly g: tf.Tensor2D; // [batch, units]
}

function gate(cell: LstmCell, z: tf.Tensor2D): tf.Tensor2D {
  if (cell.recurrentActivation === 'sigmoid') return tf.sigmoid(z);
  // tfjs-layers' hardSigmoid: clip(0.2 z + 0.5, 0, 1)
  return tf.clipByValue(tf.add(tf.mul(z, 0.2), 0.5), 0, 1) as tf.Tensor2D;
}

/** Steps `cell` on `x` `[batch, inputSize]` from state `[h, c]`; the caller owns the results. */
export function lstmStepWithGates(
  cell: LstmCell,
  x: tf.Tensor2D,
  state: tf.Tensor2D[],
): LstmGateStep {
  return tf.tidy(() => {
    const [h] = state as [tf.Tensor2D, tf.Tensor2D];
    const z = tf.add(
      tf.add(tf.matMul(x, cell.kernel), tf.matMul(h, cell.recurrentKernel)),
      cell.bias,
    ) as tf.Tensor2D; // [batch, 4*units]
    const [zi, zf, zc, zo] = tf.split(z, 4, 1) as [
      tf.Tensor2D,
      tf.Tensor2D,
      tf.Tensor2D,
      tf.Tensor2D,
    ];
    const next = cell.step(x, state); // the library's step: [h', c']
    return {
      h: next.state[0]!,
      c: next.state[1]!,
      i: gate(cell, zi),
      f: gate(cell, zf),
      o: gate(cell, zo),
      g: tf.tanh(zc) as tf.Tensor2D,
    };
  });
}

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
  const steps: LstmGateStep[] = [];
  let state = cell.initialState(1);
  const initial = state;
  for (const x of xs) {
    const s = lstmStepWithGates(cell, x, state);
    steps.push(s);
    state = [s.h, s.c];
  }
  for (const t of initial) t.dispose();
  const stacked = tf.tidy(() =>
    traceKeys.map((key) =>
      tf.concat(
        steps.map((s) => s[key]),
        0,
      ),
    ),
  ); // each [time, units]
  for (const s of steps) for (const key of traceKeys) s[key].dispose();
  try {
    const arrays = await Promise.all(stacked.map((t) => t.array() as Promise<number[][]>));
    return Object.fromEntries(traceKeys.map((key, k) => [key, arrays[k]!])) as LstmTraceArrays;
  } finally {
    for (const t of stacked) t.dispose();
  }
}
