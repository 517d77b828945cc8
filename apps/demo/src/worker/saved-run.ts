/**
 * The model a page trained, as its checkpoint store keeps it (IndexedDB in the worker): every
 * checkpoint's config.json carries `page: { data, preset, hyperParameters }`, what the page
 * sent to train it, so the model can be rebuilt after a reload and trained further exactly.
 */
import { CheckpointError } from '@recurrent/errors';
import type { AnyTask, OptionValues, TaskModel } from '@recurrent/task';
import type { CheckpointStore, JsonValue } from '@recurrent/train';
import type { SavedRun, SavedTrainConfig, TaskTrainConfig } from './protocol.js';

const isRecord = (v: unknown): v is Record<string, JsonValue> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** What goes into config.json's `page` for a training request. */
export function savedConfigFrom(config: TaskTrainConfig): SavedTrainConfig {
  return { data: config.data, preset: config.preset, hyperParameters: config.hyperParameters };
}

/** Reads config.json's `page`; a checkpoint without it was not trained on this page. */
export function savedConfigOf(who: string, config: Record<string, JsonValue>): SavedTrainConfig {
  const page = config.page;
  if (
    !isRecord(page) ||
    !isRecord(page.data) ||
    typeof page.preset !== 'string' ||
    !isRecord(page.hyperParameters)
  ) {
    throw new CheckpointError(
      `${who}: expected config.json to hold page: { data, preset, hyperParameters } (written by the demo's training), got ${JSON.stringify(page ?? null)}. Train a model on the page first.`,
    );
  }
  return {
    data: page.data as OptionValues,
    preset: page.preset,
    hyperParameters: page.hyperParameters as OptionValues,
  };
}

/** The saved model's step, metrics and training config; null when none is saved. */
export async function readSavedRun(
  task: AnyTask,
  store: CheckpointStore,
): Promise<SavedRun | null> {
  const checkpoint = await store.load('latest');
  if (!checkpoint || checkpoint.config.task !== task.name || !checkpoint.state) return null;
  return {
    step: checkpoint.state.step,
    metrics: checkpoint.state.lastMetrics ?? {},
    config: savedConfigOf(`${task.name}.saved`, checkpoint.config),
    location: checkpoint.location,
  };
}

/** The saved model rebuilt: weights from the checkpoint, data prepared again from its text. */
export async function restoreSavedRun(task: AnyTask, store: CheckpointStore, who: string) {
  const checkpoint = await store.load('latest');
  if (!checkpoint || checkpoint.config.task !== task.name || !checkpoint.state) {
    throw new CheckpointError(
      `${who}: no model trained on this page is saved (${store.locate('latest')}). Train one first.`,
    );
  }
  const config = savedConfigOf(who, checkpoint.config);
  const hyperParameters = task.resolveHyperParameters(
    config.preset,
    config.hyperParameters as Partial<object>,
  );
  const data = await task.prepareData(config.data, hyperParameters, {});
  const model: TaskModel = task.fromCheckpoint(checkpoint);
  return {
    model,
    data,
    config,
    /** The session's resume key: the same data and resolved hyper-parameters. */
    key: JSON.stringify([config.data, hyperParameters]),
    step: checkpoint.state.step,
    metrics: checkpoint.state.lastMetrics ?? {},
  };
}
