/**
 * The first half of every task's `fromPytorch`: checks a PyTorch state dict against the one
 * the freshly built model would export (`checkStateDict`: names, shapes, dtype), then hands
 * out its tensors by name, or all of those under a prefix with the prefix cut off (the shape
 * `fromPytorch` of @recurrent/cells reads for `rnn.weight_ih_l0`, ...).
 */
import type { TensorRecord } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { checkStateDict } from './check-state-dict.js';

export interface StateDictReader {
  /** The named tensor as a new float32 tensor (call inside `tf.tidy`). */
  get(name: string): tf.Tensor;
  /** Every tensor whose name starts with `prefix`, keyed by the rest of its name. */
  group(prefix: string): Record<string, tf.Tensor>;
}

/**
 * @example
 * const read = readStateDict(where, stateDictOf(model), stateDict); // disposes the expected tensors
 * tf.tidy(() => {
 *   fromPytorch(model.rnn, read.group('rnn.'));
 *   variableOf(model, 'dense_0/bias').assign(read.get('head.bias')); // [vocab]
 * });
 */
export function readStateDict(
  where: string,
  expected: Readonly<Record<string, tf.Tensor>>,
  given: ReadonlyMap<string, TensorRecord>,
): StateDictReader {
  const shapes = Object.fromEntries(Object.entries(expected).map(([k, t]) => [k, t.shape]));
  tf.dispose(Object.values(expected));
  checkStateDict(where, shapes, given);
  const get = (name: string): tf.Tensor => {
    const r = given.get(name) as TensorRecord;
    return tf.tensor(r.data, r.shape, 'float32');
  };
  return {
    get,
    group: (prefix) =>
      Object.fromEntries(
        Object.keys(shapes)
          .filter((k) => k.startsWith(prefix))
          .map((k) => [k.slice(prefix.length), get(k)]),
      ),
  };
}
