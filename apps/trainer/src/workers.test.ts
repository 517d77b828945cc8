/**
 * `recurrent train --workers N` through the real binary (dist/): the char-LM on 2 worker
 * threads repeats the 1-worker run within float tolerance, Ctrl-C saves latest/ and --resume
 * continues it exactly; sentiment and clinical train on 2 workers with the 1-worker losses;
 * the help and the refusal of a task without data-parallel training list the tasks that have
 * it, from the registry.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AnyTask } from '@recurrent/task';
import { afterAll, describe, expect, it } from 'vitest';
import { checkWorkers, dataParallelTaskNames, runFlags } from './commands/train.js';
import { tasks } from './task-registry.js';
import { runBin } from './test-bin.js';

const dir = mkdtempSync(path.join(tmpdir(), 'recurrent-workers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const corpus = path.join(dir, 'small.txt');
writeFileSync(corpus, 'the cat sat on the mat. the dog sat on the log.\n'.repeat(60));
const STEPS = 30;
const args = (name: string, workers: number) => [
  'train',
  'char-lm',
  '--preset',
  'tiny',
  '--time-steps',
  '16',
  '--batch-size',
  '8',
  '--corpus',
  corpus,
  '--steps',
  String(STEPS),
  '--log-every',
  '1',
  '--eval-every',
  '10',
  '--checkpoint-every',
  '5',
  '--sample-length',
  '0',
  '--name',
  name,
  '--backend',
  'wasm',
  '--workers',
  String(workers),
];

interface Logged {
  losses: Map<number, number>;
  valLosses: number[];
}

/** Step losses (the last write of a step wins) and evaluations from a run's log.jsonl. */
function logOf(name: string): Logged {
  const losses = new Map<number, number>();
  const valLosses: number[] = [];
  const log = readFileSync(path.join(dir, 'runs', name, 'log.jsonl'), 'utf8');
  for (const line of log.split('\n')) {
    if (!line.trim()) continue;
    const e = JSON.parse(line) as {
      kind: string;
      step: number;
      loss: number;
      metrics?: { valLoss: number };
    };
    if (e.kind === 'step') losses.set(e.step, e.loss);
    if (e.kind === 'eval' && e.metrics) valLosses.push(e.metrics.valLoss);
  }
  return { losses, valLosses };
}

const maxDiff = (a: readonly number[], b: readonly number[]) =>
  Math.max(...a.map((v, i) => Math.abs(v - (b[i] as number))));

describe('recurrent train --workers', () => {
  it('trains char-lm on 2 workers with the 1-worker losses; Ctrl-C and --resume behave as on one', async () => {
    const one = await runBin(dir, args('one', 1));
    expect(one.code).toBe(0);
    const two = await runBin(dir, args('two', 2));
    expect(two.code, two.stderr).toBe(0);
    expect(two.stdout).toContain('workers: 2 threads on wasm, shards: contiguous lanes');
    const a = logOf('one');
    const b = logOf('two');
    expect(b.losses.size).toBe(STEPS);
    // Measured 2026-12-02 (wasm): within 6e-7 per step and 3e-7 per evaluation.
    expect(maxDiff([...b.losses.values()], [...a.losses.values()])).toBeLessThan(1e-5);
    expect(b.valLosses).toHaveLength(3);
    expect(maxDiff(b.valLosses, a.valLosses)).toBeLessThan(1e-5);

    let sent = false;
    const stopped = await runBin(dir, args('stopped', 2), {
      onStdout: (text, child) => {
        if (!sent && text.includes('step 12/')) {
          sent = true;
          child.kill('SIGINT');
        }
      },
    });
    expect(stopped.code).toBe(130);
    expect(stopped.stdout).toContain('interrupted: finishing this step and saving latest/');
    expect(stopped.stdout).toContain('--name stopped --resume');
    const resumed = await runBin(dir, [...args('stopped', 2), '--resume']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const c = logOf('stopped');
    expect(c.losses.size).toBe(STEPS);
    expect([...c.losses.entries()].sort((x, y) => x[0] - y[0]).map(([, l]) => l)).toEqual([
      ...b.losses.values(),
    ]);
  });

  // Each task's tiny preset on 2 workers against 1: the workers line, and the same losses.
  const small: Record<string, readonly string[]> = {
    sentiment: ['--preset', 'tiny', '--steps', '20', '--no-baseline'],
    clinical: [
      '--preset',
      'tiny',
      '--steps',
      '10',
      '--folds',
      '2',
      '--stays',
      '120',
      '--no-baseline',
    ],
  };
  for (const [task, flags] of Object.entries(small)) {
    it(`trains ${task} on 2 workers with the 1-worker losses and prints the workers line`, async () => {
      const go = (workers: number) =>
        runBin(dir, [
          'train',
          task,
          ...flags,
          '--log-every',
          '1',
          '--eval-every',
          '10',
          '--name',
          `${task}-${workers}`,
          '--backend',
          'wasm',
          '--workers',
          String(workers),
        ]);
      const one = await go(1);
      expect(one.code, one.stderr).toBe(0);
      const two = await go(2);
      expect(two.code, two.stderr).toBe(0);
      expect(two.stdout).toContain(
        `workers: 2 threads on wasm, shards: ${tasks.get(task).dataParallel?.shards}`,
      );
      expect(one.stdout).not.toContain('workers: ');
      const a = logOf(`${task}-1`);
      const b = logOf(`${task}-2`);
      expect(b.losses.size).toBe(20); // sentiment: 20 steps; clinical: 2 folds of 10
      // Measured 2026-12-02 (wasm): within 1.2e-7 (sentiment) and 2.4e-7 (clinical) per step.
      expect(maxDiff([...b.losses.values()], [...a.losses.values()])).toBeLessThan(1e-5);
    });
  }

  it('lists the data-parallel tasks from the registry in the help and the refusal', () => {
    const names = dataParallelTaskNames();
    expect(names).toEqual(tasks.tasks.filter((t) => t.dataParallel).map((t) => t.name));
    expect(names).toEqual(expect.arrayContaining(['char-lm', 'sentiment', 'clinical']));
    expect(runFlags.find((f) => f.name === 'workers')?.help).toBe(
      `data-parallel worker threads, each on its own wasm backend with a shard of every batch (tasks with data-parallel training: ${names.join(', ')})`,
    );
    const toy = { name: 'toy' } as AnyTask;
    const registry = [tasks.get('char-lm'), tasks.get('sentiment'), tasks.get('clinical'), toy];
    expect(() => checkWorkers(toy, 2, registry)).toThrow(
      'recurrent train toy: --workers 2 needs data-parallel training, which the toy task does not have yet (char-lm, sentiment and clinical have it). Train toy with --workers 1 (the default).',
    );
    expect(() => checkWorkers(toy, 3, [tasks.get('char-lm'), toy])).toThrow(
      'which the toy task does not have yet (char-lm has it).',
    );
    expect(() => checkWorkers(toy, 1, registry)).not.toThrow();
  });

  const without = tasks.tasks.find((t) => !t.dataParallel);
  it.skipIf(!without)(
    'refuses --workers 2 for a registered task without data-parallel training, naming it (skipped once every task has it)',
    async () => {
      const name = without!.name;
      const r = await runBin(dir, ['train', name, '--preset', 'tiny', '--workers', '2']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        `recurrent train ${name}: --workers 2 needs data-parallel training, which the ${name} task does not have yet (`,
      );
      expect(r.stderr).toContain(`Train ${name} with --workers 1 (the default).`);
    },
  );
});
