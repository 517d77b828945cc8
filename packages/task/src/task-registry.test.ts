import { describe, expect, it } from 'vitest';
import type { AnyTask } from './task.js';
import { createTaskRegistry } from './task-registry.js';

const fake = (name: string) => ({ name, summary: `${name} task` }) as unknown as AnyTask;

describe('createTaskRegistry', () => {
  const registry = createTaskRegistry([fake('char-lm'), fake('sentiment')]);

  it('finds tasks by name and lists them in order', () => {
    expect(registry.names).toEqual(['char-lm', 'sentiment']);
    expect(registry.get('sentiment').summary).toBe('sentiment task');
    expect(registry.has('clinical')).toBe(false);
    expect(Object.isFrozen(registry)).toBe(true);
    expect(Object.isFrozen(registry.names)).toBe(true);
  });

  it('names the known tasks when one is unknown', () => {
    expect(() => registry.get('x')).toThrow('Unknown task "x". Available: char-lm, sentiment.');
  });

  it('picks the task of a checkpoint from config.task', () => {
    expect(registry.forConfig({ task: 'char-lm' }, 'runs/a/best').name).toBe('char-lm');
    expect(() => registry.forConfig({}, 'runs/a/best')).toThrow(
      'runs/a/best: config.json names no task',
    );
    expect(() => registry.forConfig({ task: 'clinical' }, 'runs/a/best')).toThrow(
      'the checkpoint is of task "clinical", which this version does not know',
    );
  });

  it('refuses duplicate and badly formed names', () => {
    expect(() => createTaskRegistry([fake('a'), fake('a')])).toThrow('registered twice');
    expect(() => createTaskRegistry([fake('Char LM')])).toThrow('kebab-case');
  });
});
