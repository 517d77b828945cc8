import { describe, expect, it } from 'vitest';
import { parseFlags } from './flags.js';
import { tasks } from './task-registry.js';
import { taskValues, unionFlags } from './verb-flags.js';

const evalFlags = unionFlags((task) => task.evalOptions);

function evalValues(taskName: string, argv: string[]) {
  const task = tasks.get(taskName);
  const { values, given } = parseFlags(evalFlags, argv);
  return taskValues('eval', task, task.evalOptions!, evalFlags, values, given);
}

describe('flags shared by name across tasks (eval --format)', () => {
  it('accepts each task its own values of a flag that another task also declares', () => {
    expect(evalValues('captioning', ['--data', 'x', '--format', 'flickr8k']).format).toBe(
      'flickr8k',
    );
    expect(evalValues('sentiment', ['--format', 'sst2']).format).toBe('sst2');
  });

  it("refuses another task's value, naming the task and its values", () => {
    expect(() => evalValues('captioning', ['--data', 'x', '--format', 'sst2'])).toThrow(
      'recurrent eval: --format: unknown value "sst2" for captioning runs. Available: flickr8k, coco, karpathy.',
    );
  });

  it("does not carry another task's default into a flag that was not given", () => {
    const captioning = tasks.get('captioning');
    expect(evalValues('captioning', []).format).toBe(captioning.evalOptions!.format!.default);
  });
});
