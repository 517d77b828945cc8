/**
 * Gives a resumed model back the state it carried across batches (Trainable.restoreState),
 * from the checkpoint's model-state.safetensors. The tensors made here are disposed after
 * the call; the model clones what it keeps.
 */
import { CheckpointError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import type { TensorRecord } from '../checkpoint/tensor-record.js';
import type { Trainable } from './trainable.js';

export function restoreModelState<Batch>(
  model: Trainable<Batch>,
  records: ReadonlyMap<string, TensorRecord>,
  where: string,
): void {
  const restore = model.restoreState;
  if (!restore) return;
  const tensors: Record<string, tf.Tensor> = {};
  try {
    for (const [name, r] of records) tensors[name] = tf.tensor(r.data, r.shape, r.dtype);
    restore.call(model, tensors);
  } catch (cause) {
    if (cause instanceof CheckpointError) throw cause;
    throw new CheckpointError(
      `${where}/model-state.safetensors: the model's restoreState() refused it (${(cause as Error).message}).`,
      { cause },
    );
  } finally {
    tf.dispose(Object.values(tensors));
  }
}
