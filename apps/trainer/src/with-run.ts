/**
 * Loads the model of a run (or checkpoint folder) for sample, predict and eval: resolves the
 * folder, verifies the checkpoint, picks the task from its `config.task`, rebuilds the model,
 * runs `use` with it, and always frees it.
 */
import type { AnyTask, TaskModel } from '@recurrent/task';
import { type Checkpoint, loadCheckpoint } from '@recurrent/train';
import type { Io } from './io.js';
import { resolveCheckpoint } from './run-location.js';
import { tasks } from './task-registry.js';
import { UsageError } from './usage-error.js';

export interface LoadedRun {
  readonly task: AnyTask;
  readonly model: TaskModel;
  readonly checkpoint: Checkpoint;
  /** The checkpoint folder used. */
  readonly where: string;
}

export async function withRun<T>(
  command: string,
  run: string | undefined,
  runsDir: string,
  io: Io,
  use: (loaded: LoadedRun) => Promise<T>,
): Promise<T> {
  if (!run) {
    throw new UsageError(
      `recurrent ${command}: expected a run name or checkpoint folder, e.g. \`recurrent ${command} ${tasks.names[0]}\`.`,
    );
  }
  const where = resolveCheckpoint(run, runsDir);
  const checkpoint = await loadCheckpoint(where);
  const note = (checkpoint as { note?: unknown }).note;
  if (typeof note === 'string') io.err(`note: ${note}`);
  const task = tasks.forConfig(checkpoint.config, where);
  const model = task.fromCheckpoint(checkpoint);
  try {
    return await use({ task, model, checkpoint, where });
  } finally {
    model.dispose();
  }
}
