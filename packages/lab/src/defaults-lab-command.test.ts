/**
 * `recurrent lab defaults` end to end with the tiny preset and a few steps (seconds): the
 * progress lines and the markdown table, a rerun that resumes from the recorded runs
 * (stopped mid-study by an abort, then finished with the same numbers), the combination
 * waiting for the runs it needs, a folder recorded with other steps refused, and numTensors
 * flat over a whole command.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectBackend } from '@recurrent/backends';
import type { TaskCommandContext, TaskFiles } from '@recurrent/task';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultsLabCommand } from './defaults-lab-command.js';

let folder = '';
beforeAll(async () => {
  await selectBackend('wasm');
  folder = await mkdtemp(join(tmpdir(), 'lab-defaults-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

async function runCommand(values: Record<string, string | number>, signal?: AbortSignal) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: TaskCommandContext = {
    positionals: [],
    values: { backend: 'wasm', preset: 'tiny', steps: 12, lossSteps: '5,10', ...values },
    files: {} as TaskFiles,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    ...(signal ? { signal } : {}),
  };
  const code = await defaultsLabCommand.run(ctx);
  return { code, out, err };
}

const heldOut = (lines: string[], name: string) =>
  lines.find((l) => l.startsWith(`| ${name} |`))?.split(' | ')[4]; // run, change, @5, @10, held-out

describe('recurrent lab defaults', () => {
  it('stops on abort, resumes from the recorded runs, and prints the table', async () => {
    const out = join(folder, 'a');
    const first = await runCommand({ configs: 'today,embedding-normal,forget-bias-0', out });
    expect(first.code).toBe(0);
    expect(first.out[0]).toMatch(
      /^lab defaults \| backend wasm \| preset tiny \(lstm 1x64, seed 42\) \| 12 steps per run \| 3 runs, 0 already/,
    );
    expect(first.out).toContain(
      '| run | change from today | train loss @5 | train loss @10 | held-out nats/char @12 | vs today | time |',
    );
    const json = JSON.parse(await readFile(join(out, 'defaults.json'), 'utf8'));
    expect(json.runs.map((r: { name: string }) => r.name)).toEqual([
      'today',
      'embedding-normal',
      'forget-bias-0',
    ]);
    for (const r of json.runs) {
      expect(heldOut(first.out, r.name)).toBe(r.valLoss.toFixed(4));
      expect(Object.keys(r.trainLoss)).toEqual(['5', '10']);
    }
    expect(json.runs[1].hyperParameters.embeddingInit).toBe('normal');

    // A second study in another folder: today recorded, then stopped during its second run.
    const out2 = join(folder, 'b');
    expect((await runCommand({ configs: 'today', out: out2 })).code).toBe(0);
    const abortSoon = new AbortController();
    const interrupted = runCommand(
      { configs: 'today,embedding-normal,lr-1e-2', out: out2 },
      abortSoon.signal,
    );
    setTimeout(() => abortSoon.abort(), 1); // during embedding-normal, the first run not recorded
    const partial = await interrupted;
    expect(partial.out.filter((l) => l.includes('recorded, held-out'))).toHaveLength(1); // today
    expect(partial.code).toBe(130);
    expect(partial.err.join('\n')).toContain('a rerun continues from them');

    const resumed = await runCommand({ configs: 'today,embedding-normal,lr-1e-2', out: out2 });
    expect(resumed.code).toBe(0);
    expect(resumed.out).toContain(`[1/3] today: recorded, held-out ${heldOut(first.out, 'today')}`);
    // The same seed and steps give the same numbers in another folder and after a resume.
    expect(heldOut(resumed.out, 'today')).toBe(heldOut(first.out, 'today'));
    expect(heldOut(resumed.out, 'embedding-normal')).toBe(heldOut(first.out, 'embedding-normal'));
  });

  it('the combination waits for every single-choice run, then takes the winners', async () => {
    const out = join(folder, 'c');
    const waiting = await runCommand({ configs: 'today,combination', out });
    expect(
      waiting.out.some((l) => /combination: waits for embedding-normal, kernel-pytorch/.test(l)),
    ).toBe(true);
    const tensors = tf.memory().numTensors;
    const full = await runCommand({ out, steps: 12 });
    expect(tf.memory().numTensors).toBe(tensors);
    expect(full.code).toBe(0);
    const json = JSON.parse(await readFile(join(out, 'defaults.json'), 'utf8'));
    expect(json.runs).toHaveLength(10);
    const today = json.runs[0].valLoss;
    const combined = json.runs.at(-1);
    // Every factor whose best run beat today's loss is in the combination, and no other.
    const winners = json.runs
      .slice(1, -1)
      .filter((r: { valLoss: number; name: string }) => r.valLoss < today);
    for (const w of winners) {
      const sameFactor = json.runs.filter((r: { change: string }) =>
        r.change.startsWith('learning rate'),
      );
      if (
        w.name.startsWith('lr-') &&
        sameFactor.some((r: { valLoss: number }) => r.valLoss < w.valLoss)
      )
        continue;
      expect(combined.change).toContain(w.name);
    }
    expect(
      combined.change.startsWith(winners.length ? 'all winners: ' : 'no choice beat today'),
    ).toBe(true);
    expect(await readFile(join(out, 'defaults.md'), 'utf8')).toContain('| combination |');
  }, 300_000); // ten tiny runs: past the default 60 s when CI runs other packages beside it

  it('refuses a folder recorded with other steps, and unknown configs', async () => {
    const out = join(folder, 'a');
    await expect(runCommand({ configs: 'today', out, steps: 13 })).rejects.toThrow(
      `recurrent lab defaults: ${out}/runs/today.json was recorded with --preset tiny --steps 12, and this run asks for --preset tiny --steps 13. Pass another --out, or delete the folder to start over.`,
    );
    await expect(runCommand({ configs: 'today,relu', out })).rejects.toThrow(
      'recurrent lab defaults: Unknown config "relu". Available: today, embedding-normal,',
    );
  });
});
