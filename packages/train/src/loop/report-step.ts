/**
 * The `step` progress event of the update that just finished (`run.state.step` already
 * counts it): loss, learning rate, gradient norm, throughput and the time left.
 */
import type { StepOutcome } from './train-step.js';
import type { TrainingRun } from './training-run.js';

export function reportStep<Batch>(run: TrainingRun<Batch>, index: number, step: StepOutcome): void {
  const { state, totalSteps, clipNorm, stepsPerEpoch } = run;
  const elapsedMs = run.meter.elapsedMs();
  run.emit({
    kind: 'step',
    step: state.step,
    totalSteps,
    epoch: stepsPerEpoch ? Math.floor(index / stepsPerEpoch) : 0,
    loss: step.loss,
    learningRate: step.learningRate,
    gradNorm: step.gradNorm,
    clipped: clipNorm !== null && step.gradNorm > clipNorm,
    ...run.meter.rates(),
    elapsedMs,
    etaMs: (elapsedMs / (state.step - run.startStep)) * (totalSteps - state.step),
  });
}
