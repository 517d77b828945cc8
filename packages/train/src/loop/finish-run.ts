/**
 * The last phase of `train()`: a final evaluation when the last step had none (only when
 * training completed), a final `latest` when the last step is not saved yet, and the `done`
 * event. Resolves to the TrainResult.
 */

import { evaluateRun } from './evaluate-run.js';
import type { StopReason, TrainResult } from './progress.js';
import { saveRunCheckpoint } from './save-run-checkpoint.js';
import type { TrainingRun } from './training-run.js';

export async function finishRun<Batch>(
  run: TrainingRun<Batch>,
  reason: StopReason,
): Promise<TrainResult> {
  const { state, options } = run;
  if (
    reason === 'completed' &&
    options.evalEvery &&
    run.lastEvalStep !== state.step &&
    state.step > run.startStep
  ) {
    await evaluateRun(run);
  }
  if (run.store && run.lastSavedStep !== state.step) await saveRunCheckpoint(run, 'latest');
  const done = {
    step: state.step,
    totalSteps: run.totalSteps,
    reason,
    elapsedMs: run.meter.elapsedMs(),
    best: state.best,
    lastMetrics: state.lastMetrics,
    checkpoint: run.lastCheckpoint,
    skippedSteps: state.skippedSteps,
  };
  run.emit({ kind: 'done', ...done });
  return { ...done, losses: run.losses };
}
