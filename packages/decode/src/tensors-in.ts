/**
 * Finds every tensor inside a state (internal): walks arrays, plain objects and Maps,
 * so a state can be a `Tensor2D[]`, `{ h, c }`, nested, or hold non-tensor fields.
 */
import * as tf from '@tensorflow/tfjs-core';

export function tensorsIn(value: unknown, found: Set<tf.Tensor> = new Set()): Set<tf.Tensor> {
  const seen = new Set<unknown>();
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (v instanceof tf.Tensor) {
      found.add(v);
    } else if (Array.isArray(v)) {
      for (const item of v) walk(item);
    } else if (v instanceof Map) {
      for (const item of v.values()) walk(item);
    } else if (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null) {
      for (const item of Object.values(v)) walk(item);
    }
  };
  walk(value);
  return found;
}
