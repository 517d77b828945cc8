/**
 * Puts a model, its optimizer and the trainer's state back where a checkpoint left them.
 */
import { CheckpointError } from '@recurrent/errors';
import type { Random } from '@recurrent/random';
import type * as tf from '@tensorflow/tfjs-core';
import { applyWeights } from '../checkpoint/apply-weights.js';
import type { Checkpoint, TrainState } from '../checkpoint/checkpoint-types.js';
import type { OptimizerConfig } from '../optim/create-optimizer.js';
import { restoreOptimizerSlots } from '../optim/optimizer-slots.js';
import type { NamedVariable } from './trainable.js';

export async function restoreCheckpoint(
  ck: Checkpoint,
  target: {
    variables: readonly NamedVariable[];
    optimizer: tf.Optimizer;
    optimizerConfig: OptimizerConfig;
    rng: Random;
  },
): Promise<TrainState> {
  if (!ck.state) {
    throw new CheckpointError(
      `${ck.location}: has no state.json: it is a weights-only export and cannot be resumed. Load it with applyWeights() instead.`,
    );
  }
  if (ck.optimizer && ck.optimizer.config.name !== target.optimizerConfig.name) {
    throw new CheckpointError(
      `${ck.location}: was trained with optimizer "${ck.optimizer.config.name}", this run uses "${target.optimizerConfig.name}". ` +
        'Resume with the same optimizer, or start a new run folder.',
    );
  }
  applyWeights(target.variables, ck.weights, ck.location);
  if (ck.optimizer) {
    await restoreOptimizerSlots(
      target.optimizer,
      target.variables,
      ck.optimizer.slots,
      ck.location,
    );
  }
  target.rng.setState(ck.state.rng);
  return { ...ck.state };
}
