/**
 * `resume: true`: loads the store's `latest` checkpoint into the model, the optimizer, the RNG
 * and the train state, and reports it (`resumed`), or warns that there is nothing to resume.
 */
import type { Random } from '@recurrent/random';
import type * as tf from '@tensorflow/tfjs-core';
import type { CheckpointStore } from '../checkpoint/checkpoint-store.js';
import type { TrainState } from '../checkpoint/checkpoint-types.js';
import type { OptimizerConfig } from '../optim/create-optimizer.js';
import type { Watch } from './observe-metric.js';
import type { TrainProgress, WarningCode } from './progress.js';
import { restoreCheckpoint } from './restore-checkpoint.js';
import type { Trainable } from './trainable.js';

export interface ResumeTarget<Batch> {
  store: CheckpointStore;
  model: Trainable<Batch>;
  optimizer: tf.Optimizer;
  optimizerConfig: OptimizerConfig;
  rng: Random;
  /** Updated in place from the checkpoint's state.json. */
  state: TrainState;
  /** This call's seed (the saved RNG state wins; a different seed is only reported). */
  seed: number;
  watch: Watch | null;
  emit(event: TrainProgress): void;
  warn(code: WarningCode, message: string): void;
}

/** Resolves to the location resumed from, or null when the store has no `latest` yet. */
export async function resumeFromLatest<Batch>(target: ResumeTarget<Batch>): Promise<string | null> {
  const { store, state, seed, watch, warn } = target;
  const ck = await store.load('latest');
  if (!ck) {
    warn('nothing-to-resume', `no checkpoint in ${store.locate('latest')} yet; starting at step 0`);
    return null;
  }
  Object.assign(
    state,
    await restoreCheckpoint(ck, {
      variables: target.model.variables,
      optimizer: target.optimizer,
      optimizerConfig: target.optimizerConfig,
      rng: target.rng,
    }),
  );
  if (state.seed !== seed)
    warn(
      'seed-differs',
      `resumed a run seeded ${state.seed}; this call passed seed ${seed}; continuing with the saved RNG state`,
    );
  // A best value of another metric (or direction) says nothing about this run's monitor.
  if (state.best && watch && (state.best.metric !== watch.metric || state.best.mode !== watch.mode))
    state.best = null;
  target.emit({ kind: 'resumed', step: state.step, path: ck.location });
  return ck.location;
}
