/**
 * `padSequences` straight to tensors: ids `[batch, maxLength]` int32, mask float32 (1 = real
 * step), lengths `[batch]` int32, plus the truncation report. The caller disposes them with
 * `dispose()`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { type PadOptions, padSequences, type TruncationReport } from './pad-sequences.js';

export interface PaddedTensors {
  readonly ids: tf.Tensor2D; // [batch, maxLength] int32
  readonly mask: tf.Tensor2D; // [batch, maxLength] float32
  readonly lengths: tf.Tensor1D; // [batch] int32
  readonly report: TruncationReport;
  dispose(): void;
}

/**
 * @example
 * const { ids, mask, report, dispose } = padToTensors(reviews, { maxLength: 500 });
 * // ids [n, 500]; report.truncated reviews were longer than 500 tokens
 * dispose();
 */
export function padToTensors(
  seqs: readonly ArrayLike<number>[],
  options: PadOptions = {},
): PaddedTensors {
  const padded = padSequences(seqs, options);
  const shape: [number, number] = [padded.ids.length, padded.maxLength];
  const ids = tf.tensor2d(padded.ids.flat(), shape, 'int32'); // [batch, maxLength]
  const mask = tf.tensor2d(padded.mask.flat(), shape, 'float32'); // [batch, maxLength]
  const lengths = tf.tensor1d(padded.lengths, 'int32'); // [batch]
  return {
    ids,
    mask,
    lengths,
    report: padded.report,
    dispose() {
      tf.dispose([ids, mask, lengths]);
    },
  };
}
