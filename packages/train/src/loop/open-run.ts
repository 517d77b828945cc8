/**
 * The first phase of `train()`: checks the options, fills in their defaults, registers the
 * gradients, opens the checkpoint store, builds the optimizer and the RNG, clears the model's
 * carried state, and with `resume: true` continues from the store's `latest` checkpoint.
 */
import { createRandom } from '@recurrent/random';
import * as tf from '@tensorflow/tfjs-core';
import type { TrainState } from '../checkpoint/checkpoint-types.js';
import {
  createOptimizer,
  type OptimizerConfig,
  optimizerConfigOf,
} from '../optim/create-optimizer.js';
import type { Watch } from './observe-metric.js';
import { openCheckpointStore } from './open-checkpoint-store.js';
import type { TrainProgress, WarningCode } from './progress.js';
import { registerGradients } from './register-gradients.js';
import { resumeFromLatest } from './resume-from-latest.js';
import { throughputMeter } from './throughput-meter.js';
import { checkTrainOptions, type TrainOptions, trainDefaults } from './train-options.js';
import type { TrainingRun } from './training-run.js';

/** The caller owns the returned run's optimizer only when it passed one (ownsOptimizer false). */
export async function openRun<Batch>(options: TrainOptions<Batch>): Promise<TrainingRun<Batch>> {
  const totalSteps = checkTrainOptions(options);
  const seed = options.seed ?? trainDefaults.seed;
  const watchSource = options.bestMetric ?? options.earlyStopping;
  const watch: Watch | null = watchSource
    ? {
        metric: watchSource.metric,
        mode: watchSource.mode,
        minDelta: watchSource.minDelta ?? trainDefaults.minDelta,
      }
    : null;
  const state: TrainState = {
    step: 0,
    epoch: 0,
    seed,
    rng: [0, 0, 0, 0],
    dataPosition: { step: 0 },
    best: null,
    evalsWithoutImprovement: 0,
    lastMetrics: null,
    skippedSteps: 0,
  };
  const emit = (event: TrainProgress) => options.onProgress?.(event);
  const warn = (code: WarningCode, message: string) =>
    emit({ kind: 'warning', step: state.step, code, message });

  await registerGradients();
  const store = await openCheckpointStore(options as TrainOptions<unknown>, warn);
  const given = options.optimizer ?? trainDefaults.optimizer;
  const ownsOptimizer = !(given instanceof tf.Optimizer);
  const optimizer = ownsOptimizer
    ? createOptimizer(given as OptimizerConfig)
    : (given as tf.Optimizer);
  const optimizerConfig = ownsOptimizer ? (given as OptimizerConfig) : optimizerConfigOf(optimizer);
  const rng = createRandom(seed);
  let resumedFrom: string | null = null;
  try {
    options.model.resetState?.(); // a run starts from a clean carried state
    if (options.resume && store) {
      resumedFrom = await resumeFromLatest({
        store,
        model: options.model,
        optimizer,
        optimizerConfig,
        rng,
        state,
        seed,
        watch,
        stepsPerEpoch: options.data.stepsPerEpoch,
        emit,
        warn,
      });
    }
  } catch (error) {
    if (ownsOptimizer) optimizer.dispose();
    throw error;
  }
  return {
    options,
    model: options.model,
    totalSteps,
    seed,
    clipNorm: options.clipNorm === undefined ? trainDefaults.clipNorm : options.clipNorm,
    schedule: options.schedule ?? trainDefaults.schedule,
    onNonFinite: options.onNonFinite ?? trainDefaults.onNonFinite,
    stepsPerEpoch: options.data.stepsPerEpoch,
    watch,
    store,
    optimizer,
    ownsOptimizer,
    optimizerConfig,
    baseLearningRate: optimizerConfig.learningRate,
    rng,
    state,
    startStep: state.step,
    lastCheckpoint: resumedFrom,
    lastSavedStep: resumedFrom === null ? -1 : state.step,
    lastEvalStep: -1,
    losses: [],
    meter: throughputMeter(), // the clock starts after the resume
    warnedNoGradient: new Set(),
    emit,
    warn,
  };
}
