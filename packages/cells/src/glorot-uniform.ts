/**
 * Glorot (Xavier) uniform initialisation, as Keras and tfjs-layers use for input kernels:
 * uniform in `[-limit, limit]` with `limit = sqrt(6 / (fanIn + fanOut))`, where for a
 * `[rows, cols]` matrix `fanIn = rows` and `fanOut = cols` (all gates together).
 */
import type { Random } from '@recurrent/random';

/** A `rows * cols` row-major Float32Array of Glorot-uniform samples. */
export function glorotUniform(rng: Random, rows: number, cols: number): Float32Array {
  const limit = Math.sqrt(6 / (rows + cols));
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < out.length; i++) out[i] = (2 * rng.next() - 1) * limit;
  return out;
}

/** A `size` Float32Array uniform in `[-limit, limit]` (Keras' embedding uses 0.05). */
export function uniform(rng: Random, size: number, limit: number): Float32Array {
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = (2 * rng.next() - 1) * limit;
  return out;
}
