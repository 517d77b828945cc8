/**
 * What one `train()` call shares between its phases (open-run, train-step, evaluate-run,
 * save-run-checkpoint, finish-run): the resolved options, the optimizer, the RNG, the state
 * that checkpoints save, and this call's counters. Plain data that the phases read and update.
 */
import type { Random } from '@recurrent/random';
import type * as tf from '@tensorflow/tfjs-core';
import type { CheckpointStore } from '../checkpoint/checkpoint-store.js';
import type { TrainState } from '../checkpoint/checkpoint-types.js';
import type { OptimizerConfig } from '../optim/create-optimizer.js';
import type { Schedule } from '../optim/learning-rate-at.js';
import type { Watch } from './observe-metric.js';
import type { TrainProgress, WarningCode } from './progress.js';
import type { ThroughputMeter } from './throughput-meter.js';
import type { TrainOptions } from './train-options.js';
import type { Trainable } from './trainable.js';

export interface TrainingRun<Batch> {
  readonly options: TrainOptions<Batch>;
  readonly model: Trainable<Batch>;
  readonly totalSteps: number;
  readonly seed: number;
  readonly clipNorm: number | null;
  readonly schedule: Schedule;
  readonly onNonFinite: 'error' | 'skip';
  /** data.stepsPerEpoch: epochs and the resets of carried state follow it. */
  readonly stepsPerEpoch: number | undefined;
  /** The metric that picks `best/` (and that early stopping watches), or null. */
  readonly watch: Watch | null;
  readonly store: CheckpointStore | null;
  readonly optimizer: tf.Optimizer;
  /** True when train() built the optimizer from a config, and so disposes it. */
  readonly ownsOptimizer: boolean;
  /** The optimizer's config as saved in checkpoints (with the base learning rate). */
  readonly optimizerConfig: OptimizerConfig;
  readonly baseLearningRate: number;
  /** The generator loss() draws from (ctx.rng); its state is saved in state.json. */
  readonly rng: Random;
  /** What state.json saves; `state.step` counts the updates done. */
  readonly state: TrainState;
  /** The step this call started at (0, or the resumed checkpoint's step). */
  readonly startStep: number;
  /** The last `latest` written or resumed from, for NonFiniteLossError and the done event. */
  lastCheckpoint: string | null;
  /** The step of that checkpoint (-1 before the first). */
  lastSavedStep: number;
  /** The step of the last evaluation (-1 before the first). */
  lastEvalStep: number;
  /** This call's losses, one per update (NaN where a step was skipped). */
  readonly losses: number[];
  readonly meter: ThroughputMeter;
  /** Variables already warned about for getting no gradient (each is named once). */
  readonly warnedNoGradient: Set<string>;
  emit(event: TrainProgress): void;
  warn(code: WarningCode, message: string): void;
}
