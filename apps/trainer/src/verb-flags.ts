/**
 * The flags of a command whose options depend on the run's task (sample, predict, eval):
 * the union over the registered tasks, parsed before the run is loaded. Only the loaded
 * task's own options are passed on; a flag of another task's is an error that says so.
 */
import { type AnyTask, kebabCase, type OptionSpecs, type OptionValues } from '@recurrent/task';
import { type FlagSpec, type FlagValues, optionFlags } from './flags.js';
import { tasks } from './task-registry.js';
import { UsageError } from './usage-error.js';

export function unionFlags(of: (task: AnyTask) => OptionSpecs | undefined): FlagSpec[] {
  const seen = new Map<string, FlagSpec>();
  for (const task of tasks.tasks) {
    const specs = of(task);
    if (!specs) continue;
    for (const flag of optionFlags(specs)) {
      const first = seen.get(flag.name);
      if (!first) seen.set(flag.name, flag);
      else if (first.choices && flag.choices) {
        // Tasks may share a flag's name with different values (eval --format: sentiment's
        // sst2/... and captioning's flickr8k/...): accept any here, check per task below.
        const choices = [...new Set([...first.choices, ...flag.choices])];
        seen.set(flag.name, { ...first, choices });
      }
    }
  }
  return [...seen.values()];
}

/** The values of `specs` from parsed flags; given flags of other tasks are refused. */
export function taskValues(
  command: string,
  task: AnyTask,
  specs: OptionSpecs,
  all: readonly FlagSpec[],
  values: FlagValues,
  given: ReadonlySet<string>,
): OptionValues {
  for (const flag of all) {
    const key = flag.name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    if (given.has(flag.name) && !(key in specs)) {
      const own = Object.keys(specs).map((k) => `--${kebabCase(k)}`);
      throw new UsageError(
        `recurrent ${command}: --${flag.name} is not an option of ${task.name} runs. Its options: ${own.join(', ') || 'none'}.`,
      );
    }
  }
  return Object.fromEntries(
    Object.entries(specs).map(([k, spec]) => {
      const name = kebabCase(k);
      // Another task's default for a flag of the same name is not this task's.
      if (!given.has(name)) return [k, spec.default];
      const value = values[k];
      if (spec.choices && !spec.choices.includes(value as string)) {
        throw new UsageError(
          `recurrent ${command}: --${name}: unknown value "${String(value)}" for ${task.name} runs. Available: ${spec.choices.join(', ')}.`,
        );
      }
      return [k, value];
    }),
  );
}
