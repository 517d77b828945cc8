/**
 * A bigram (first-order Markov) model as a stepper: the logits of the next token are row
 * `token` of a fixed `[vocab, vocab]` table. It has no state (`null`), so it needs no
 * weights and no disposal. For examples, demos and tests of the decoders; a real model
 * (a char-LM, a caption decoder) implements `Stepper` over its cells.
 *
 * @example
 * // Logits from probabilities: log p. Token 0 -> 1 (90%) or 2 (10%), 1 -> 2, 2 -> 2.
 * const stepper = markovStepper([[-Infinity, Math.log(0.9), Math.log(0.1)], [-Infinity, -Infinity, 0], [-Infinity, -Infinity, 0]]);
 * await greedy(stepper, { start: 0, initialState: null, maxLength: 3 }); // tokens [[1, 2, 2]]
 */
import { ConfigError, DataFormatError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import type { BeamStepper } from './stepper.js';

export function markovStepper(transitionLogits: readonly (readonly number[])[]): BeamStepper<null> {
  const vocab = transitionLogits?.length ?? 0;
  if (vocab === 0 || !transitionLogits.every((row) => Array.isArray(row) && row.length === vocab)) {
    throw new ConfigError(
      `markovStepper: expected a square [vocab, vocab] table of logits (row = current token), got ` +
        `${vocab} rows of lengths [${(transitionLogits ?? []).map((r) => r?.length).join(', ')}].`,
    );
  }
  const table = Float32Array.from(transitionLogits.flat()); // [vocab * vocab]
  return {
    step(tokens, state) {
      const logits = new Float32Array(tokens.length * vocab); // [batch * vocab]
      tokens.forEach((token, row) => {
        if (!Number.isInteger(token) || token < 0 || token >= vocab) {
          throw new DataFormatError(
            `markovStepper.step: expected tokens in [0, ${vocab}), got ${token} at row ${row}.`,
          );
        }
        logits.set(table.subarray(token * vocab, (token + 1) * vocab), row * vocab);
      });
      return { logits: tf.tensor2d(logits, [tokens.length, vocab]), state }; // [batch, vocab]
    },
    selectRows: () => null,
  };
}
