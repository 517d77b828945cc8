import { describe, expect, it } from 'vitest';
import { runCli } from './cli.js';
import { tasks } from './task-registry.js';
import { bufferIo } from './test-io.js';

describe('commands generated from the task registry', () => {
  it('`recurrent tasks` lists every registered task with its summary and default data', async () => {
    const io = bufferIo();
    expect(await runCli(['tasks'], io)).toBe(0);
    const text = io.stdout.join('\n');
    for (const task of tasks.tasks) {
      expect(text).toContain(task.name);
      expect(text).toContain(task.summary);
      expect(text).toContain(`default data: ${task.defaultDataset}`);
    }
    const json = bufferIo();
    expect(await runCli(['tasks', '--json'], json)).toBe(0);
    expect(JSON.parse(json.stdout[0]!).map((t: { name: string }) => t.name)).toEqual(tasks.names);
  });

  it('`recurrent train --help` lists the tasks; `recurrent train <task> --help` its flags', async () => {
    const io = bufferIo();
    expect(await runCli(['train', '--help'], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/Tasks:\n {2}char-lm +character-level language model/);
    const bare = bufferIo();
    expect(await runCli(['train'], bare)).toBe(2);
    expect(bare.stdout.join('\n')).toMatch(/Usage: recurrent train <task>/);
    for (const task of tasks.tasks) {
      const help = bufferIo();
      expect(await runCli(['train', task.name, '--help'], help)).toBe(0);
      const text = help.stdout.join('\n');
      expect(text).toContain(`Usage: recurrent train ${task.name} [flags]`);
      for (const key of Object.keys(task.hyperParameters)) {
        const flag = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
        expect(text).toMatch(new RegExp(`--(\\[no-\\])?${flag}\\b`));
      }
    }
  });

  it('an unknown task gets the list of known ones', async () => {
    const io = bufferIo();
    expect(await runCli(['train', 'x'], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain(
      `Unknown task "x". Available: ${tasks.names.join(', ')}.`,
    );
  });

  it('refuses a flag that belongs to no option of the run being sampled', async () => {
    const io = bufferIo();
    expect(await runCli(['sample', 'x', '--frobnicate', '1'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/Unknown option '--frobnicate'/);
  });
});

describe('a task with a predict verb and a task command (sentiment)', () => {
  it('gets `recurrent predict` and `recurrent data fetch` without the CLI naming it', async () => {
    const help = bufferIo();
    expect(await runCli(['--help'], help)).toBe(0);
    expect(help.stdout.join('\n')).toMatch(
      /predict +predict with a trained model \(sentiment, clinical, captioning\)/,
    );
    const data = bufferIo();
    expect(await runCli(['data', '--help'], data)).toBe(0);
    expect(data.stdout.join('\n')).toMatch(/Usage: recurrent data fetch/);
    const wrong = bufferIo();
    expect(await runCli(['data', 'frobnicate'], wrong)).toBe(2);
    expect(wrong.stderr.join('\n')).toMatch(/expected one of: recurrent data fetch/);
  });

  it('turns a boolean task option off with --no-<flag>', async () => {
    const io = bufferIo();
    expect(await runCli(['train', 'sentiment', '--bidirectional', '--no-bidirectional'], io)).toBe(
      2,
    );
    expect(io.stderr.join('\n')).toMatch(
      /--bidirectional and --no-bidirectional contradict each other/,
    );
  });
});
