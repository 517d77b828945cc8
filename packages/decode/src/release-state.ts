/**
 * Frees a decoder-owned state once it is replaced (internal). Never touches the caller's
 * `initialState`; by default disposes only the tensors of `old` that are not in `keep`
 * (the states still alive and the initial state), so shared tensors survive.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Stepper } from './stepper.js';
import { tensorsIn } from './tensors-in.js';

export function releaseState<S>(
  stepper: Stepper<S>,
  old: S,
  initialState: S,
  keep: readonly S[],
): void {
  if (old === initialState || keep.includes(old)) return;
  if (stepper.disposeState) {
    stepper.disposeState(old);
    return;
  }
  const alive = tensorsIn(initialState);
  for (const state of keep) tensorsIn(state, alive);
  for (const t of tensorsIn(old) as Set<Tensor>) {
    if (!alive.has(t) && !t.isDisposed) t.dispose();
  }
}
