/**
 * `recurrent export <run> --format pytorch --to <dir>`: the run's checkpoint as a folder
 * that `recurrent_torch.load(dir)` (python/) reads and `recurrent import` brings back:
 *
 *   model.safetensors   the task's state dict under PyTorch names (`rnn.weight_ih_l0`, ...)
 *   config.json         the run's config (task, hyperParameters, vocabulary, normaliser, ...),
 *                       `format: "recurrent.pytorch"` and `pytorch` (the module and its sizes)
 *   vocab.json          the tokens by id, when the task has a vocabulary
 *
 * The task declares the mapping (`task.pytorch`); a task without one is refused by name.
 */
import path from 'node:path';
import { ConfigError } from '@recurrent/errors';
import type { AnyTask, TaskRegistry } from '@recurrent/task';
import {
  type Checkpoint,
  collectWeights,
  encodeSafetensors,
  type JsonValue,
} from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { tasks } from '../task-registry.js';

/** config.json's `format` in a PyTorch export. */
export const PYTORCH_FORMAT = 'recurrent.pytorch';
export const PYTORCH_FORMAT_VERSION = 1;
export const PYTORCH_WEIGHTS = 'model.safetensors';

/** The task of a checkpoint, if it can cross to PyTorch; else a ConfigError naming those that can. */
export function pytorchTask(
  config: Readonly<Record<string, unknown>>,
  where: string,
  registry: TaskRegistry = tasks,
): AnyTask {
  const task = registry.forConfig(config, where);
  if (!task.pytorch) {
    const able = registry.tasks.filter((t) => t.pytorch).map((t) => t.name);
    throw new ConfigError(
      `recurrent: task "${task.name}" has no PyTorch mapping, so ${where} cannot cross to PyTorch. Tasks with one: ${able.join(', ') || 'none'}.`,
    );
  }
  return task;
}

/** The files of a PyTorch export of `checkpoint`, in write order (config.json last). */
export async function pytorchExportFiles(
  checkpoint: Checkpoint,
  runConfig: Record<string, JsonValue>,
  where: string,
): Promise<Map<string, Uint8Array>> {
  const task = pytorchTask(checkpoint.config, where);
  const model = task.fromCheckpoint(checkpoint);
  let exported: ReturnType<NonNullable<AnyTask['pytorch']>['toPytorch']>;
  try {
    exported = task.pytorch!.toPytorch(model);
  } finally {
    model.dispose();
  }
  let weights: Awaited<ReturnType<typeof collectWeights>>;
  try {
    weights = await collectWeights(exported.stateDict);
  } finally {
    tf.dispose(Object.values(exported.stateDict));
  }
  const encode = (value: unknown) =>
    new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
  const files = new Map<string, Uint8Array>();
  files.set(
    PYTORCH_WEIGHTS,
    encodeSafetensors(weights, { format: 'pt', producer: '@recurrent/trainer' }),
  );
  const vocabulary = runConfig.vocabulary as { tokens?: unknown } | undefined;
  if (vocabulary && Array.isArray(vocabulary.tokens))
    files.set('vocab.json', encode(vocabulary.tokens));
  files.set(
    'config.json',
    encode({
      format: PYTORCH_FORMAT,
      version: PYTORCH_FORMAT_VERSION,
      ...runConfig,
      pytorch: exported.config,
      weights: PYTORCH_WEIGHTS,
      exportedFrom: path.resolve(where),
    }),
  );
  return files;
}
