/**
 * A ready-made `selectRows` for states made of tensors batched along axis 0 (a cell's
 * `Tensor2D[]`, `{ h, c }`, nested arrays or objects): every tensor is gathered at `rows`,
 * other values are kept as they are. The input state is left untouched.
 *
 * @example
 * const stepper = { step: ..., selectRows: gatherStateRows }; // state: Tensor2D[]
 * gatherStateRows([h], Int32Array.from([1, 1, 0])); // [h[1], h[1], h[0]]
 */
import * as tf from '@tensorflow/tfjs-core';

export function gatherStateRows<S>(state: S, rows: Int32Array): S {
  const indices = tf.tensor1d(rows, 'int32'); // [newBatch]
  const created: tf.Tensor[] = [];
  try {
    const map = (v: unknown): unknown => {
      if (v instanceof tf.Tensor) {
        const gathered = tf.gather(v, indices, 0); // [newBatch, ...]
        created.push(gathered);
        return gathered;
      }
      if (Array.isArray(v)) return v.map(map);
      if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, map(x)]));
      if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, map(x)]));
      }
      return v;
    };
    return map(state) as S;
  } catch (err) {
    tf.dispose(created); // a bad row index: free what was gathered before it
    throw err;
  } finally {
    indices.dispose();
  }
}
