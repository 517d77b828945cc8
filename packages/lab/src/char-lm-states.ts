/**
 * Every recurrent unit of a char-LM at every character of a text: the model reads the text
 * one character at a time (`model.step`, as generation does, from the zero state) and keeps
 * its whole state after each character: h for every layer and, for an LSTM, c. Reads back
 * once at the end; frees every tensor it made.
 */
import type { Cell, StackedCell } from '@recurrent/cells';
import type { CharLm } from '@recurrent/char-lm';
import { encodeChars } from '@recurrent/data';
import { ConfigError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';

export interface UnitName {
  /** `h17`, or `L1 h17` in a stacked model (layer 1, the second). */
  readonly name: string;
  readonly layer: number;
  /** `h` (the hidden state, the layer's output) or `c` (an LSTM's cell state). */
  readonly state: 'h' | 'c';
  readonly index: number;
}

export interface CharLmStates {
  /** The text as the model reads it: NFC, one code point each. */
  readonly chars: string[];
  /** The characters the model never saw (read as `<unk>`), once each. */
  readonly unseen: string[];
  readonly units: readonly UnitName[];
  /** Row-major `[time, units]`: `values[t * units.length + u]` is unit u after char t. */
  readonly values: Float32Array;
}

/** The layers of the model, bottom first, with the states each carries. */
function stateLayout(model: CharLm): UnitName[] {
  const cells: readonly Cell[] =
    model.rnn.kind === 'stack' ? (model.rnn as StackedCell).cells : [model.rnn];
  const stacked = cells.length > 1;
  return cells.flatMap((cell, layer) => {
    const states: ('h' | 'c')[] = cell.kind === 'lstm' ? ['h', 'c'] : ['h'];
    if (cell.stateSize.length !== states.length) {
      throw new ConfigError(
        `charLmStates: expected layer ${layer} (${cell.kind}) to carry ${states.join(', ')}, got ${cell.stateSize.length} state tensors. Only LSTM, GRU and simple-RNN layers can be read.`,
      );
    }
    return states.flatMap((state, k) =>
      Array.from({ length: cell.stateSize[k]! }, (_, index) => ({
        name: `${stacked ? `L${layer} ` : ''}${state}${index}`,
        layer,
        state,
        index,
      })),
    );
  });
}

/**
 * @example
 * const { units, values } = await charLmStates(model, '"Halloa!" returned Starbuck');
 * // units: h0..h255, c0..c255 for one LSTM layer of 256; values [27 * 512]
 */
export async function charLmStates(model: CharLm, text: string): Promise<CharLmStates> {
  const chars = [...text.normalize('NFC')];
  if (chars.length === 0) {
    throw new ConfigError(
      'charLmStates: expected a text to read, got an empty one. Pass a few sentences (quotes, line breaks and parentheses give the features something to track).',
    );
  }
  const units = stateLayout(model);
  const ids = encodeChars(model.vocabulary, chars.join(''));
  const unseen = [...new Set(chars.filter((c) => !model.vocabulary.has(c)))];
  const rows: tf.Tensor2D[] = [];
  let state = model.initialState(1); // [1, size] per state
  try {
    for (const id of ids) {
      const next = tf.tidy(() => model.step(tf.tensor1d([id], 'int32'), state).state);
      tf.dispose(state);
      state = next;
      rows.push(tf.concat(state, 1) as tf.Tensor2D); // [1, units]
    }
    const all = tf.concat(rows, 0); // [time, units]
    try {
      return { chars, unseen, units, values: (await all.data()) as Float32Array };
    } finally {
      all.dispose();
    }
  } finally {
    tf.dispose(state);
    tf.dispose(rows);
  }
}
