/** Deterministic inputs for conformance cases: the same numbers on every backend and runtime. */
import { createRandom } from '@recurrent/random';

export function seededValues(seed: number, length: number, scale = 1): Float32Array {
  const rng = createRandom(seed);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = (rng.next() * 2 - 1) * scale;
  return out;
}
