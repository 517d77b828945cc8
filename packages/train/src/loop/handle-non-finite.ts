/**
 * A step whose loss or gradient norm is NaN/Inf was not applied. With `onNonFinite: 'error'`
 * (the default) training stops with NonFiniteLossError, naming the step and the last good
 * checkpoint; with 'skip' the step is counted in `skippedSteps` and reported as a warning.
 */
import { NonFiniteLossError } from './non-finite-loss-error.js';
import type { TrainingRun } from './training-run.js';

export function handleNonFinite<Batch>(
  run: TrainingRun<Batch>,
  index: number,
  loss: number,
  gradNorm: number,
): void {
  if (run.onNonFinite === 'error')
    throw new NonFiniteLossError({
      step: index + 1,
      loss,
      gradNorm,
      lastCheckpoint: run.lastCheckpoint,
    });
  run.state.skippedSteps += 1;
  run.warn(
    'non-finite-skipped',
    `skipped step ${index + 1}: loss ${loss}, gradient norm ${gradNorm}`,
  );
}
