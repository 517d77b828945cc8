/**
 * Cross-framework parity of every task, both ways, on fixed batches:
 *   1. `recurrent export --format pytorch` -> recurrent_torch (python/) forward = tfjs forward;
 *   2. weights perturbed in PyTorch and saved by recurrent_torch.save -> `recurrent import`
 *      -> the task's own fromCheckpoint -> tfjs forward = PyTorch's forward of those weights.
 * Within 1e-5 (float32 on cpu in both). One Python process runs every case's forwards.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { captioningTask } from '@recurrent/captioning';
import { charLmTask } from '@recurrent/char-lm';
import { clinicalTask } from '@recurrent/clinical';
import { sentimentTask } from '@recurrent/sentiment';
import type { AnyTask } from '@recurrent/task';
import {
  decodeSafetensors,
  encodeSafetensors,
  loadCheckpoint,
  type TensorRecord,
} from '@recurrent/train';
import { saveCheckpoint } from '@recurrent/train/node';
import { runCli } from '@recurrent/trainer';
import '@tensorflow/tfjs-backend-cpu';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noTorch, PYTHON, runPython } from './python.js';
import {
  captioningCase,
  charLmCase,
  clinicalCase,
  sentimentCase,
  type TaskCase,
} from './task-cases.js';

const tasks: Record<string, AnyTask> = {
  'char-lm': charLmTask as unknown as AnyTask,
  sentiment: sentimentTask as unknown as AnyTask,
  clinical: clinicalTask as unknown as AnyTask,
  captioning: captioningTask as unknown as AnyTask,
};
const TOLERANCE = 1e-5;
/** The largest difference seen per case and direction, printed at the end (for the README). */
const worst = new Map<string, number>();
const note = (key: string, d: number) => worst.set(key, Math.max(worst.get(key) ?? 0, d));

function maxDiff(a: TensorRecord, b: TensorRecord): number {
  expect(b.shape).toEqual(a.shape);
  let worst = 0;
  for (let i = 0; i < a.data.length; i++)
    worst = Math.max(worst, Math.abs(a.data[i]! - b.data[i]!));
  return worst;
}

const read = (file: string) => decodeSafetensors(new Uint8Array(readFileSync(file)), file).tensors;

async function cli(...args: string[]): Promise<void> {
  const out: string[] = [];
  const io = { isTty: false, out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
  const code = await runCli([...args, '--backend', 'cpu'], io);
  expect(code, out.join('\n')).toBe(0);
}

// Skipped only where /usr/bin/python3 has no torch (apt-get install -y python3-torch; .ci/run does).
describe.skipIf(noTorch !== null)(
  `PyTorch parity of every task${noTorch ? ` (skipped: ${noTorch})` : ''}`,
  () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'recurrent-parity-'));
    let cases: TaskCase[] = [];
    const tfjsOut = new Map<string, Map<string, TensorRecord>>();

    beforeAll(async () => {
      await tf.setBackend('cpu');
      cases = [
        charLmCase('lstm', 2),
        charLmCase('gru', 1),
        charLmCase('rnn', 1),
        sentimentCase('lstm', 1, true, 'max'),
        sentimentCase('gru', 2, true, 'mean'),
        sentimentCase('rnn', 1, false, 'last', ['negative', 'neutral', 'positive']),
        clinicalCase('lstm'),
        clinicalCase('gru'),
        clinicalCase('gru-d'),
        captioningCase('state', 2, 'grid'),
        captioningCase('input', 1, 'global'),
      ];
      const jobs = [];
      for (const [i, c] of cases.entries()) {
        const at = (name: string) => path.join(dir, `${i}`, name);
        mkdirSync(at(''), { recursive: true });
        await saveCheckpoint(at('run/best'), { config: c.config, weights: c.variables });
        await cli('export', at('run/best'), '--format', 'pytorch', '--to', at('export'));
        writeFileSync(at('batch.safetensors'), encodeSafetensors(c.batch));
        tfjsOut.set(c.name, await c.forward(c.model));
        jobs.push({
          export: at('export'),
          batch: at('batch.safetensors'),
          out: at('torch.safetensors'),
          perturb: {
            scale: 0.05,
            seed: i + 1,
            to: at('perturbed'),
            out: at('torch-perturbed.safetensors'),
          },
        });
      }
      writeFileSync(path.join(dir, 'jobs.json'), JSON.stringify(jobs));
      const r = await runPython(PYTHON, [
        '-m',
        'recurrent_torch.parity',
        path.join(dir, 'jobs.json'),
      ]);
      expect(r.code, r.stderr).toBe(0);
    });

    afterAll(() => {
      console.log(
        [...worst].map(([k, d]) => `${k}: max |tfjs - torch| ${d.toExponential(1)}`).join('\n'),
      );
      for (const c of cases) c.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])(
      'case %i: export -> PyTorch forward = tfjs',
      async (i) => {
        const c = cases[i]!;
        const torch = read(path.join(dir, `${i}`, 'torch.safetensors'));
        const ours = tfjsOut.get(c.name)!;
        expect([...torch.keys()].sort(), c.name).toEqual([...ours.keys()].sort());
        for (const [name, t] of ours) {
          const d = maxDiff(t, torch.get(name)!);
          note(`${c.name} export`, d);
          expect(d, `${c.name} ${name}`).toBeLessThan(TOLERANCE);
        }
      },
    );

    it.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])(
      'case %i: PyTorch-perturbed -> recurrent import -> tfjs = PyTorch',
      async (i) => {
        const c = cases[i]!;
        const at = (name: string) => path.join(dir, `${i}`, name);
        await cli('import', at('perturbed'), '--to', at('back'));
        const checkpoint = await loadCheckpoint(at('back/best'));
        const model = tasks[c.task]!.fromCheckpoint(checkpoint);
        try {
          const ours = await c.forward(model);
          const torch = read(at('torch-perturbed.safetensors'));
          const before = read(at('torch.safetensors'));
          for (const [name, t] of ours) {
            const d = maxDiff(t, torch.get(name)!);
            note(`${c.name} import`, d);
            expect(d, `${c.name} ${name}`).toBeLessThan(TOLERANCE);
            expect(maxDiff(t, before.get(name)!), `${c.name} ${name} moved`).toBeGreaterThan(1e-3);
          }
        } finally {
          model.dispose();
        }
      },
    );
  },
);
