/**
 * Writes the run's `latest` or `best` checkpoint through its store: the weights, the optimizer
 * slots and config, the model's carried state (saveState()), and the train state (step, RNG,
 * data position, best metric), then reports it (`checkpoint`). Resolves to its location.
 */
import type { CheckpointStore } from '../checkpoint/checkpoint-store.js';
import type { TrainState } from '../checkpoint/checkpoint-types.js';
import { encodeCheckpoint } from '../checkpoint/encode-checkpoint.js';
import { readOptimizerSlots } from '../optim/optimizer-slots.js';
import type { TrainingRun } from './training-run.js';

/** The state.json of a checkpoint written now. */
function snapshot<Batch>(run: TrainingRun<Batch>): TrainState {
  const { state, stepsPerEpoch } = run;
  return {
    ...state,
    seed: run.seed,
    rng: run.rng.getState(),
    epoch: stepsPerEpoch ? Math.floor(state.step / stepsPerEpoch) : 0,
    dataPosition: { step: state.step },
  };
}

export async function saveRunCheckpoint<Batch>(
  run: TrainingRun<Batch>,
  name: 'latest' | 'best',
): Promise<string> {
  const store = run.store as CheckpointStore;
  const { model, state } = run;
  const slots = await readOptimizerSlots(run.optimizer, model.variables);
  const files = await encodeCheckpoint({
    config: run.options.config ?? {},
    weights: model.variables,
    optimizer: { config: { ...run.optimizerConfig, learningRate: run.baseLearningRate }, slots },
    state: snapshot(run),
    modelState: model.saveState?.() ?? null, // the model's tensors: read, not disposed
  });
  const path = await store.save(name, files);
  run.emit({ kind: 'checkpoint', step: state.step, path, best: name === 'best' });
  if (name === 'latest') {
    run.lastCheckpoint = path;
    run.lastSavedStep = state.step;
  }
  return path;
}
