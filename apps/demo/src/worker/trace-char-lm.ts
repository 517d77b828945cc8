/**
 * The hidden-state view's data: run a text through a char-LM one character at a time and
 * record, for one recurrent layer, h_t for every unit and, for an LSTM, c_t and the gates
 * i, f, o (from `lstmStepGates` of `@recurrent/cells`; see `lstm-gates.ts`). Layers below the
 * chosen one are stepped with the library's own `cell.step`, their outputs feeding the next
 * layer, exactly as `model.step` does. Under the text: how likely the model found each
 * character before reading it.
 */

import type { Cell, LstmCell, StackedCell } from '@recurrent/cells';
import type { CharLm } from '@recurrent/char-lm';
import { ConfigError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import { charLogProbs } from './char-log-probs.js';
import { lstmTrace } from './lstm-gates.js';
import type { Matrix } from './protocol.js';

export interface CharLmTrace {
  readonly chars: string[];
  /** The layer shown (0 = the one reading the characters). */
  readonly layer: number;
  readonly layers: number;
  readonly cell: string;
  readonly h: Matrix; // [time, units]
  /** LSTM only: the cell state. */
  readonly c?: Matrix; // [time, units]
  /** LSTM only: the gates after their activations. */
  readonly gates?: { readonly i: Matrix; readonly f: Matrix; readonly o: Matrix };
  /** p(char_t | chars before t): how much the model expected each character (NaN at t = 0). */
  readonly probability: number[];
}

/** The model's recurrent layers, bottom first. */
export function recurrentLayers(model: CharLm): readonly Cell[] {
  return model.rnn.kind === 'stack' ? (model.rnn as StackedCell).cells : [model.rnn];
}

/** Steps `cell` over `xs` (one `[1, in]` per step); returns each step's output `[1, units]`. */
function stepOutputs(cell: Cell, xs: readonly tf.Tensor2D[]): tf.Tensor2D[] {
  const outputs: tf.Tensor2D[] = [];
  let state = cell.initialState(1);
  for (const x of xs) {
    const next = tf.tidy(() => {
      const r = cell.step(x, state);
      return { output: tf.clone(r.output) as tf.Tensor2D, state: r.state }; // [1, units]
    });
    tf.dispose(state);
    state = next.state;
    outputs.push(next.output);
  }
  tf.dispose(state);
  return outputs;
}

/** `chars` and their `ids` (from `encodeText`) through layer `layer` of `model`. */
export async function traceCharLm(
  model: CharLm,
  chars: readonly string[],
  ids: readonly number[],
  layer: number,
): Promise<CharLmTrace> {
  const layers = recurrentLayers(model);
  if (!Number.isInteger(layer) || layer < 0 || layer >= layers.length) {
    throw new ConfigError(
      `charLm.trace: expected a layer in 0..${layers.length - 1}, got ${layer}. This model has ${layers.length} recurrent layer(s).`,
    );
  }
  const table = model.variables.find((v) => v.name.endsWith('/embeddings'))?.variable;
  if (!table) {
    throw new ConfigError(
      `charLm.trace: the model has no embedding table (expected a weight named "*/embeddings", got ${model.variables.map((v) => v.name).join(', ')}).`,
    );
  }
  let xs = tf.tidy(() => {
    const embedded = tf.gather(table, tf.tensor1d(ids as number[], 'int32')) as tf.Tensor2D; // [time, emb]
    return tf.unstack(embedded, 0).map((row) => tf.expandDims(row, 0) as tf.Tensor2D); // time x [1, emb]
  });
  try {
    for (let k = 0; k < layer; k++) {
      const next = stepOutputs(layers[k]!, xs); // time x [1, units]
      tf.dispose(xs);
      xs = next;
    }
    const cell = layers[layer]!;
    const common = {
      chars: [...chars],
      layer,
      layers: layers.length,
      cell: cell.kind,
      probability: [Number.NaN, ...(await charLogProbs(model, ids)).map(Math.exp)],
    };
    if (cell.kind === 'lstm') {
      const t = await lstmTrace(cell as LstmCell, xs);
      return { ...common, h: t.h, c: t.c, gates: { i: t.i, f: t.f, o: t.o } };
    }
    const outputs = stepOutputs(cell, xs);
    const stacked = tf.concat(outputs, 0); // [time, units]
    tf.dispose(outputs);
    try {
      return { ...common, h: (await stacked.array()) as number[][] };
    } finally {
      stacked.dispose();
    }
  } finally {
    tf.dispose(xs);
  }
}
