/**
 * A tiny sweep end to end through the command (seconds): printed table, files, reruns that
 * give the same numbers, and `numTensors` flat over a whole sweep.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectBackend } from '@recurrent/backends';
import type { TaskCommandContext, TaskFiles } from '@recurrent/task';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labModels, runVanishingSweep } from './run-vanishing-sweep.js';
import { vanishingLabCommand } from './vanishing-lab-command.js';

let folder = '';
beforeAll(async () => {
  await selectBackend('wasm');
  folder = await mkdtemp(join(tmpdir(), 'lab-vanishing-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

async function runCommand(values: Record<string, string | number | boolean>, signal?: AbortSignal) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: TaskCommandContext = {
    positionals: [],
    values: { backend: 'wasm', ...values }, // global flags arrive too; the command ignores them
    files: {} as TaskFiles,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    ...(signal ? { signal } : {}),
  };
  const code = await vanishingLabCommand.run(ctx);
  return { code, out, err };
}

describe('recurrent lab vanishing', () => {
  const tiny = { ks: '3,6', models: 'rnn,lstm-chrono', steps: 8, evalSize: 32, batch: 8, units: 8 };

  it('runs a tiny sweep: progress, tables, curves, and the SVG and JSON of every number', async () => {
    const out = join(folder, 'a');
    const { code, out: lines } = await runCommand({ ...tiny, out });
    expect(code).toBe(0);
    const text = lines.join('\n');
    expect(text).toMatch(
      /^lab vanishing \| backend wasm \| k 3, 6 \| models rnn, lstm-chrono \| 8 steps/,
    );
    expect(text).toContain('[4/4] lstm-chrono k=6: training 8 steps');
    expect(text).toContain('accuracy vs k (log scale)');
    const json = JSON.parse(await readFile(join(out, 'vanishing.json'), 'utf8'));
    expect(json.rows).toHaveLength(4);
    for (const row of json.rows) {
      expect(row.flowInit.h).toHaveLength(row.k + 10);
      expect(row.ratioInit).toBeCloseTo(row.flowInit.h[0] / row.flowInit.h.at(-1), 12);
      expect(row.model === 'lstm-chrono').toBe(Array.isArray(row.flowTrained.c));
      // The printed table holds the JSON's accuracy.
      const line = lines.find((l) => l.startsWith(row.model.padEnd(12)) && l.includes('.'))!;
      expect(line).toContain(row.accuracy.toFixed(3));
    }
    const svg = await readFile(join(out, 'vanishing.svg'), 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.match(/<polyline/g)).toHaveLength(6); // accuracy, flow at init, flow trained x 2 models
  });

  it('gives the same numbers on a rerun (seeds fixed)', async () => {
    const strip = (json: { rows: { seconds?: number }[] }) =>
      json.rows.map(({ seconds: _, ...r }) => r);
    const read = async (name: string) => {
      const { code } = await runCommand({ ...tiny, out: join(folder, name) });
      expect(code).toBe(0);
      return strip(JSON.parse(await readFile(join(folder, name, 'vanishing.json'), 'utf8')));
    };
    expect(await read('b')).toEqual(await read('c'));
  });

  it('--full adds k = 100; an aborted sweep exits 130 and says why', async () => {
    const controller = new AbortController();
    const out = join(folder, 'd');
    const run = runCommand(
      { ...tiny, ks: '2', models: 'rnn,gru', full: true, steps: 2, out },
      controller.signal,
    );
    const { code, out: lines, err } = await run;
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/\| k 2, 100 \|/);
    const json = JSON.parse(await readFile(join(out, 'vanishing.json'), 'utf8'));
    expect(json.rows.map((r: { k: number }) => r.k)).toEqual([2, 2, 100, 100]);
    expect(err).toEqual([]);
    controller.abort();
    const stopped = await runCommand({ ...tiny, out: join(folder, 'e') }, controller.signal);
    expect(stopped.code).toBe(130);
    expect(stopped.err.join('\n')).toMatch(/stopped before the sweep finished/);
  });

  it('rejects an unknown model with the list of known ones', async () => {
    await expect(runCommand({ models: 'rnn,transformer' })).rejects.toThrow(
      /Unknown model "transformer"\. Available: rnn, gru, lstm-f0, lstm-f1, lstm-chrono\./,
    );
  });

  it('keeps numTensors flat over a full tiny sweep', async () => {
    const sweep = () =>
      runVanishingSweep({
        ks: [2],
        models: labModels,
        steps: 3,
        evalSize: 8,
        batch: 4,
        units: 4,
        flowBatch: 4,
      });
    await sweep(); // warm-up: kernels and the engine's own tensors
    const before = tf.memory().numTensors;
    const result = await sweep();
    expect(result.rows).toHaveLength(labModels.length);
    expect(tf.memory().numTensors).toBe(before);
  });
});
