/**
 * Orthogonal initialisation for recurrent kernels (Saxe et al. 2014), as Keras does it:
 * draw a standard normal matrix of shape `[max(rows, cols), min(rows, cols)]`, take its
 * QR factorisation `A = QR` with `diag(R) > 0` (Keras multiplies by `sign(diag(R))` for
 * the same effect: a uniformly distributed orthogonal matrix), and transpose when `rows < cols`. For a `[units, 4*units]` LSTM kernel the
 * rows come out orthonormal.
 *
 * Computed here in plain float64 JavaScript with modified Gram-Schmidt run twice
 * ("twice is enough", Giraud et al. 2005), which keeps `Q^T Q = I` to ~1e-15 and takes
 * milliseconds for a 256 x 1024 matrix, instead of the seconds tfjs-layers spends.
 */
import type { Random } from '@recurrent/random';

/** A `rows * cols` row-major Float32Array whose rows (or columns) are orthonormal, times `gain`. */
export function orthogonal(rng: Random, rows: number, cols: number, gain = 1): Float32Array {
  const n = Math.max(rows, cols); // long side
  const m = Math.min(rows, cols); // short side: the number of orthonormal vectors
  // q holds m column vectors of length n, stored contiguously: q[j * n + i].
  const q = new Float64Array(n * m);
  for (let i = 0; i < q.length; i++) q[i] = rng.normal();
  for (let j = 0; j < m; j++) {
    const vj = j * n;
    let rjj = 0;
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        const vk = k * n;
        let dot = 0;
        for (let i = 0; i < n; i++) dot += q[vk + i]! * q[vj + i]!;
        for (let i = 0; i < n; i++) q[vj + i] = q[vj + i]! - dot * q[vk + i]!;
      }
    }
    for (let i = 0; i < n; i++) rjj += q[vj + i]! * q[vj + i]!;
    rjj = Math.sqrt(rjj);
    for (let i = 0; i < n; i++) q[vj + i] = q[vj + i]! / rjj;
  }
  const out = new Float32Array(rows * cols);
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < n; i++) {
      const value = gain * q[j * n + i]!;
      // rows >= cols: out is Q [n, m]; rows < cols: out is Q^T [m, n].
      if (rows >= cols) out[i * cols + j] = value;
      else out[j * cols + i] = value;
    }
  }
  return out;
}
