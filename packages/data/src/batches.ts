/**
 * `batches()`: the one-call form of `sequenceBatcher` for a loop over tensor batches.
 * Each yielded batch is `{ ids, mask, targets, lengths }` tensors with fixed shapes; dispose
 * each one (`batch.dispose()`) when done with it.
 */
import type { TensorBatch } from './batch.js';
import {
  type SequenceBatcherOptions,
  type SequenceDataset,
  type StepRange,
  sequenceBatcher,
} from './sequence-batcher.js';

/**
 * @example
 * for (const batch of batches({ sequences, labels }, { batchSize: 32, maxLength: 500 })) {
 *   // batch.ids [32, 500] int32, batch.mask [32, 500], batch.targets [32], batch.lengths [32]
 *   batch.dispose();
 * }
 */
export function batches(
  dataset: SequenceDataset,
  options: SequenceBatcherOptions & StepRange,
): Generator<TensorBatch> {
  const { startStep, steps, ...rest } = options;
  return sequenceBatcher(dataset, rest).batches({ startStep, steps });
}
