/**
 * Turns either data shape (`batchAt(step)` or `batches(fromStep)`) into one sequential reader,
 * and frees batches after their step.
 */
import { ConfigError, DataFormatError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import type { DataSource } from './trainable.js';

export interface BatchStream<Batch> {
  next(step: number): Promise<Batch>;
  dispose(batch: Batch): void;
  close(): Promise<void>;
}

export function openBatchStream<Batch>(
  data: DataSource<Batch>,
  fromStep: number,
): BatchStream<Batch> {
  const dispose = (batch: Batch) => {
    if (data.dispose) data.dispose(batch);
    else tf.dispose(batch as unknown as tf.TensorContainer);
  };
  if ('batchAt' in data && typeof data.batchAt === 'function') {
    return { next: async (step) => data.batchAt(step), dispose, close: async () => {} };
  }
  if ('batches' in data && typeof data.batches === 'function') {
    const iterator = data.batches(fromStep);
    return {
      async next(step) {
        const r = await iterator.next();
        if (r.done) {
          throw new DataFormatError(
            `train: data.batches(${fromStep}) ended before step ${step}. Make it yield one batch per step, cycling over epochs.`,
          );
        }
        return r.value;
      },
      dispose,
      async close() {
        await iterator.return?.();
      },
    };
  }
  throw new ConfigError(
    'train: expected data with batchAt(step) or batches(fromStep), got neither. ' +
      'Example: { batchAt: (step) => makeBatch(step), stepsPerEpoch: 100 }.',
  );
}
