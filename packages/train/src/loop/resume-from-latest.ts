/**
 * `resume: true`: loads the store's `latest` checkpoint into the model (weights and carried
 * state), the optimizer, the RNG and the train state, and reports it (`resumed`), or warns
 * that there is nothing to resume. Also warns when the store fell back to `latest.prev`, when
 * the checkpoint is an unverified format-1 one, and when it lacks the model's carried state.
 */
import type { Random } from '@recurrent/random';
import type * as tf from '@tensorflow/tfjs-core';
import type { CheckpointStore } from '../checkpoint/checkpoint-store.js';
import type { TrainState } from '../checkpoint/checkpoint-types.js';
import type { OptimizerConfig } from '../optim/create-optimizer.js';
import type { Watch } from './observe-metric.js';
import type { TrainProgress, WarningCode } from './progress.js';
import { restoreCheckpoint } from './restore-checkpoint.js';
import { restoreModelState } from './restore-model-state.js';
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
  /** data.stepsPerEpoch: carried state saved at an epoch's end is not restored. */
  stepsPerEpoch: number | undefined;
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
  if (ck.fallbackFrom !== null)
    warn(
      'resumed-from-previous',
      `${ck.fallbackFrom} is missing (a run was killed while replacing it); resuming from ${ck.location}, the checkpoint before it`,
    );
  if (!ck.verified && ck.note) warn('unverified-checkpoint', ck.note);
  Object.assign(
    state,
    await restoreCheckpoint(ck, {
      variables: target.model.variables,
      optimizer: target.optimizer,
      optimizerConfig: target.optimizerConfig,
      rng: target.rng,
    }),
  );
  const spe = target.stepsPerEpoch;
  if (target.model.restoreState && !(spe && state.step % spe === 0)) {
    if (ck.modelState) restoreModelState(target.model, ck.modelState, ck.location);
    else
      warn(
        'model-state-missing',
        `${ck.location} holds no model-state.safetensors (written before carried state was saved); the model's carried state restarts from zeros, so losses may differ from an uninterrupted run`,
      );
  }
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
