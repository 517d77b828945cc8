/**
 * The many-GPU path on two CPU processes: a tiny char-LM trained in Node, exported, trained
 * 20 more steps by `torchrun --nproc_per_node=2 -m recurrent_torch.train` (DDP over gloo),
 * imported, and `recurrent eval` in Node scores the held-out tail to the validation loss
 * PyTorch computed on the same windows, within 1e-4.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '@recurrent/trainer';
import { afterAll, describe, expect, it } from 'vitest';
import { noTorch, runPython, TORCHRUN } from './python.js';

async function cli(...args: string[]) {
  const out: string[] = [];
  const io = { isTty: false, out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
  const code = await runCli([...args, '--backend', 'cpu'], io);
  expect(code, out.join('\n')).toBe(0);
  return out.join('\n');
}

/** A few thousand characters of varied text (the tiny preset needs 16 lanes x 32 steps). */
function corpus(): string {
  const subjects = ['the whale', 'a sailor', 'the captain', 'old Ahab', 'the sea', 'Ishmael'];
  const verbs = ['watched', 'followed', 'feared', 'sought', 'cursed', 'remembered'];
  const objects = ['the white whale', 'the long voyage', 'a quiet harbour', 'the grey sky'];
  const lines: string[] = [];
  for (let i = 0; i < 400; i++) {
    lines.push(
      `${subjects[i % 6]} ${verbs[(i * 5) % 6]} ${objects[(i * 7) % 4]}${i % 3 ? ',' : '.'}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

// Skipped only where /usr/bin/python3 has no torch (apt-get install -y python3-torch; .ci/run does).
describe.skipIf(noTorch !== null)(
  `torchrun DDP round trip${noTorch ? ` (skipped: ${noTorch})` : ''}`,
  () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'recurrent-torchrun-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('trains 20 steps on 2 processes; recurrent eval of the import = PyTorch validation loss', async () => {
      const text = path.join(dir, 'voyage.txt');
      writeFileSync(text, corpus());
      const runs = path.join(dir, 'runs');
      await cli(
        'train',
        'char-lm',
        '--preset',
        'tiny',
        '--corpus',
        text,
        '--runs-dir',
        runs,
        '--name',
        'tiny',
        '--steps',
        '5',
        '--eval-every',
        '5',
        '--sample-length',
        '0',
      );
      const exported = path.join(dir, 'exports', 'tiny');
      await cli('export', 'tiny', '--runs-dir', runs, '--format', 'pytorch', '--to', exported);
      const trained = path.join(dir, 'exports', 'tiny-ddp');
      // --redirects 1 --tee 1: torch 1.13 on Python 3.11 cannot parse the default 0 (its Std
      // enum lookup skips the zero flag and the launcher crashes); stdout still reaches us.
      const r = await runPython(TORCHRUN, [
        '--standalone',
        '--nproc_per_node=2',
        '--redirects',
        '1',
        '--tee',
        '1',
        '-m',
        'recurrent_torch.train',
        '--task',
        'char-lm',
        '--init',
        exported,
        '--data',
        text,
        '--steps',
        '20',
        '--out',
        trained,
      ]);
      expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(/2 processes \(gloo\) on cpu/);
      expect(r.stdout).toMatch(/16 lanes \(8 per process\)|8 lanes per process/);
      const printed = /validation loss (\d+\.\d+) nats\/char/.exec(r.stdout);
      expect(printed, r.stdout).not.toBeNull();
      const config = JSON.parse(readFileSync(path.join(trained, 'config.json'), 'utf8'));
      const torchLoss: number = config.metrics.valLoss;
      expect(Number(printed![1])).toBeCloseTo(torchLoss, 6);
      expect(config.trainedSteps).toBe(25);

      await cli('import', trained, '--to', path.join(runs, 'ddp'));
      const evaluated = JSON.parse(await cli('eval', 'ddp', '--runs-dir', runs, '--json'));
      expect(Math.abs(evaluated.valLoss - torchLoss)).toBeLessThan(1e-4);
      const before = JSON.parse(await cli('eval', 'tiny', '--runs-dir', runs, '--json'));
      expect(evaluated.valLoss).toBeLessThan(before.valLoss - 0.05); // the 20 DDP steps learned
      console.log(
        `torchrun 2 x gloo, 20 steps: PyTorch valLoss ${torchLoss.toFixed(6)}, recurrent eval ${evaluated.valLoss.toFixed(6)} (before ${before.valLoss.toFixed(4)})`,
      );
    });
  },
);
