/**
 * The cell lab's computation: a simple RNN (`h_t = tanh(h_{t-1} W + x_t U + b)`) or an LSTM
 * with a handful of units, run step by step over a short word, one-hot encoded over its own
 * letters. The cells come from @recurrent/cells; the sliders scale their seeded weights.
 * A cell is kept between calls (a slider move only re-assigns its weights) and freed when the
 * word's alphabet, the unit count, the kind or the seed changes.
 */
import { type LstmCell, lstmCell, type SimpleRnnCell, simpleRnnCell } from '@recurrent/cells';
import { ConfigError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import { lstmTrace } from './lstm-gates.js';
import type { CellLabParams, CellLabTrace, Matrix } from './protocol.js';

export const cellLabLimits = Object.freeze({
  maxLetters: 16, // the strip and the unrolled picture stay readable up to here
  maxUnits: 8, // a heat map row per unit; the lecture's picture has 3-4
});

interface Cached {
  readonly key: string;
  readonly cell: SimpleRnnCell | LstmCell;
  /** The seeded weights as initialised, before any slider scaling. */
  readonly base: { kernel: tf.Tensor2D; recurrent: tf.Tensor2D };
}

let cached: Cached | undefined;

function dispose(entry: Cached | undefined): void {
  if (!entry) return;
  for (const w of entry.cell.weights) w.variable.dispose();
  entry.base.kernel.dispose();
  entry.base.recurrent.dispose();
}

function cellFor(
  kind: CellLabParams['kind'],
  inputSize: number,
  units: number,
  seed: number,
): Cached {
  const key = `${kind}|${inputSize}|${units}|${seed}`;
  if (cached?.key === key) return cached;
  dispose(cached);
  const cell =
    kind === 'rnn'
      ? simpleRnnCell({ inputSize, units, seed, name: 'lab_rnn' })
      : lstmCell({ inputSize, units, seed, name: 'lab_lstm' });
  cached = {
    key,
    cell,
    base: {
      kernel: tf.clone(cell.kernel) as tf.Tensor2D, // [inputSize, gates*units]
      recurrent: tf.clone(cell.recurrentKernel) as tf.Tensor2D, // [units, gates*units]
    },
  };
  return cached;
}

/** The distinct letters in first-seen order (the one-hot positions) and the token list. */
export function alphabetOf(word: string): { alphabet: string[]; tokens: string[] } {
  const tokens = Array.from(word);
  return { alphabet: [...new Set(tokens)], tokens };
}

function check(params: CellLabParams): void {
  const letters = Array.from(params.word).length;
  if (letters < 1 || letters > cellLabLimits.maxLetters) {
    throw new ConfigError(
      `cellLab: expected a word of 1 to ${cellLabLimits.maxLetters} characters, got ${letters}. Type a shorter word.`,
    );
  }
  if (
    !Number.isInteger(params.units) ||
    params.units < 1 ||
    params.units > cellLabLimits.maxUnits
  ) {
    throw new ConfigError(
      `cellLab: expected 1 to ${cellLabLimits.maxUnits} units, got ${params.units}.`,
    );
  }
}

export async function runCellLab(params: CellLabParams): Promise<CellLabTrace> {
  check(params);
  const { alphabet, tokens } = alphabetOf(params.word);
  const { cell, base } = cellFor(params.kind, alphabet.length, params.units, params.seed);
  const units = params.units;
  tf.tidy(() => {
    cell.kernel.assign(tf.mul(base.kernel, params.uScale));
    cell.recurrentKernel.assign(tf.mul(base.recurrent, params.wScale));
    const b = new Float32Array(cell.bias.size).fill(params.bias);
    if (cell.kind === 'lstm') b.fill(params.forgetBias, units, 2 * units); // the f block
    cell.bias.assign(tf.tensor1d(b));
  });
  const ids = tokens.map((t) => alphabet.indexOf(t));
  const xs = tf.tidy(() =>
    tf.unstack(tf.expandDims(tf.oneHot(tf.tensor1d(ids, 'int32'), alphabet.length), 1)),
  ) as tf.Tensor2D[]; // time x [1, inputSize]
  try {
    const [W, U, b, inputs] = await Promise.all([
      cell.recurrentKernel.array() as Promise<Matrix>,
      cell.kernel.array() as Promise<Matrix>,
      cell.bias.array() as Promise<number[]>,
      Promise.resolve(ids.map((id) => alphabet.map((_, k) => (k === id ? 1 : 0)))),
    ]);
    const common = { alphabet, tokens, inputs, W, U, b };
    if (cell.kind === 'lstm') {
      const trace = await lstmTrace(cell, xs);
      return {
        kind: 'lstm',
        ...common,
        h: trace.h,
        c: trace.c,
        gates: { i: trace.i, f: trace.f, o: trace.o, g: trace.g },
      };
    }
    return { kind: 'rnn', ...common, h: await rnnTrace(cell, xs) };
  } finally {
    for (const x of xs) x.dispose();
  }
}

/** Steps the simple RNN with the library's `cell.step`; returns h_t for every t. */
async function rnnTrace(cell: SimpleRnnCell, xs: readonly tf.Tensor2D[]): Promise<Matrix> {
  const hs: tf.Tensor2D[] = [];
  let state = cell.initialState(1);
  const initial = state;
  for (const x of xs) {
    state = cell.step(x, state).state;
    hs.push(state[0]!);
  }
  for (const t of initial) t.dispose();
  const all = tf.concat(hs, 0); // [time, units]
  for (const t of hs) t.dispose();
  try {
    return (await all.array()) as Matrix;
  } finally {
    all.dispose();
  }
}
