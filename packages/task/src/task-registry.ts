/**
 * A frozen table of tasks, by name. Each app holds one (`apps/trainer`, the demo's worker);
 * adding a task is one line there. An unknown name gets the list of the known ones.
 */
import { CheckpointError, ConfigError } from '@recurrent/errors';
import type { AnyTask } from './task.js';

export interface TaskRegistry {
  /** Task names in registration order. */
  readonly names: readonly string[];
  readonly tasks: readonly AnyTask[];
  has(name: string): boolean;
  /** The task called `name`; a ConfigError listing the others when there is none. */
  get(name: string): AnyTask;
  /** The task that wrote a checkpoint, from its `config.task`. */
  forConfig(config: Readonly<Record<string, unknown>>, location: string): AnyTask;
}

/**
 * @example
 * const registry = createTaskRegistry([charLmTask, sentimentTask]);
 * registry.get('char-lm').summary;
 * registry.get('x'); // ConfigError: Unknown task "x". Available: char-lm, sentiment.
 */
export function createTaskRegistry(tasks: readonly AnyTask[]): TaskRegistry {
  const byName = new Map<string, AnyTask>();
  for (const task of tasks) {
    if (!/^[a-z][a-z0-9-]*$/.test(task.name)) {
      throw new ConfigError(
        `createTaskRegistry: expected task names in kebab-case (like "char-lm"), got "${task.name}".`,
      );
    }
    if (byName.has(task.name)) {
      throw new ConfigError(`createTaskRegistry: task "${task.name}" is registered twice.`);
    }
    byName.set(task.name, task);
  }
  const names = Object.freeze([...byName.keys()]);
  const get = (name: string): AnyTask => {
    const task = byName.get(name);
    if (!task) {
      throw new ConfigError(
        `Unknown task ${JSON.stringify(name)}. Available: ${names.join(', ') || 'none'}.`,
      );
    }
    return task;
  };
  return Object.freeze({
    names,
    tasks: Object.freeze([...byName.values()]),
    has: (name: string) => byName.has(name),
    get,
    forConfig(config: Readonly<Record<string, unknown>>, location: string): AnyTask {
      const name = config.task;
      if (typeof name !== 'string') {
        throw new CheckpointError(
          `${location}: config.json names no task (expected "task": one of ${names.join(', ')}). Is this a recurrent checkpoint?`,
        );
      }
      if (!byName.has(name)) {
        throw new CheckpointError(
          `${location}: the checkpoint is of task "${name}", which this version does not know. Available: ${names.join(', ')}. Upgrade recurrent, or use a checkpoint of a known task.`,
        );
      }
      return byName.get(name)!;
    },
  });
}
