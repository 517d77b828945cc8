/**
 * Everything `train()` reports, as one discriminated union on `kind`. The library never
 * prints: a CLI renders these as log lines, a page as charts.
 */
import type { TrainState } from '../checkpoint/checkpoint-types.js';

export type StopReason = 'completed' | 'aborted' | 'early-stopped';

export type WarningCode =
  | 'non-finite-skipped' // onNonFinite: 'skip' skipped an update
  | 'no-gradient' // a variable gets no gradient from the loss
  | 'metric-missing' // evaluate() did not return the monitored metric
  | 'nothing-to-resume' // resume: true but no checkpoint yet: started at step 0
  | 'seed-differs' // resumed a run that was started with another seed
  | 'stale-temp-removed' // a temporary folder left by a killed run was deleted
  | 'resumed-from-previous' // `latest` was missing (killed mid-save): resumed from `latest.prev`
  | 'unverified-checkpoint' // resumed a format-1 checkpoint, whose config.json has no checksum
  | 'model-state-missing'; // the checkpoint has no carried state for restoreState(): zeros

/** One optimizer update (`step` counts updates done, 1-based). */
export interface StepProgress {
  kind: 'step';
  step: number;
  totalSteps: number;
  /** 0-based epoch of this step (0 when the data has no stepsPerEpoch). */
  epoch: number;
  loss: number;
  learningRate: number;
  /** Global L2 norm of the gradients before clipping. */
  gradNorm: number;
  /** True when clipping scaled this step's gradients down. */
  clipped: boolean;
  /** Items (countBatch().items, else batches) per second of training time in this run. */
  itemsPerSecond: number;
  /** Tokens per second of training time, when countBatch() reports tokens. */
  tokensPerSecond?: number;
  /** Since train() started (evaluation and checkpoints included). */
  elapsedMs: number;
  /** Estimated time to the last step at this run's pace so far. */
  etaMs: number;
}

export interface EvalProgress {
  kind: 'eval';
  step: number;
  metrics: Record<string, number>;
  /** True when the monitored metric improved on its best (always false without a monitor). */
  improved: boolean;
  best: TrainState['best'];
}

export interface CheckpointProgress {
  kind: 'checkpoint';
  step: number;
  path: string;
  /** True for the best-so-far checkpoint (`best/`), false for `latest/`. */
  best: boolean;
}

export interface ResumedProgress {
  kind: 'resumed';
  step: number;
  path: string;
}

export interface WarningProgress {
  kind: 'warning';
  step: number;
  code: WarningCode;
  message: string;
}

export interface DoneProgress {
  kind: 'done';
  step: number;
  totalSteps: number;
  reason: StopReason;
  elapsedMs: number;
  best: TrainState['best'];
  lastMetrics: Record<string, number> | null;
  /** The last checkpoint written or resumed from (`latest`), or null. */
  checkpoint: string | null;
  skippedSteps: number;
}

export type TrainProgress =
  | StepProgress
  | EvalProgress
  | CheckpointProgress
  | ResumedProgress
  | WarningProgress
  | DoneProgress;

/** What `train()` resolves to: the `done` event plus this run's losses. */
export interface TrainResult extends Omit<DoneProgress, 'kind'> {
  /** The loss of every update run by this call, in order (NaN where a step was skipped). */
  losses: number[];
}
