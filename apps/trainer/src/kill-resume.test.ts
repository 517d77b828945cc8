/**
 * kill -9 at 20 seeded random moments (issue 11): after every kill the run loads for sample,
 * eval and --resume, and the losses of the resumed pieces equal an uninterrupted run's bit for
 * bit (the carried hidden state, the RNG and the data position are in every checkpoint).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRandom } from '@recurrent/random';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './cli.js';
import { runBin } from './test-bin.js';
import { bufferIo } from './test-io.js';

const dir = mkdtempSync(path.join(tmpdir(), 'recurrent-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const corpus = path.join(dir, 'small.txt');
writeFileSync(corpus, 'the cat sat on the mat. the dog sat on the log.\n'.repeat(40));
const STEPS = 60;
const args = (name: string) => [
  'train',
  'char-lm',
  '--preset',
  'tiny',
  '--units',
  '16',
  '--embedding-dim',
  '8',
  '--time-steps',
  '16',
  '--batch-size',
  '4',
  '--corpus',
  corpus,
  '--steps',
  String(STEPS),
  '--log-every',
  '1',
  '--eval-every',
  '20',
  '--checkpoint-every',
  '1',
  '--sample-length',
  '20',
  '--name',
  name,
  '--backend',
  'wasm',
];

/** The loss of each step, from a run's log.jsonl (the last write of a step wins). */
function lossesOf(name: string): Map<number, number> {
  const out = new Map<number, number>();
  const log = readFileSync(path.join(dir, 'runs', name, 'log.jsonl'), 'utf8');
  for (const line of log.split('\n')) {
    if (!line.trim()) continue;
    let event: { kind?: string; step?: number; loss?: number };
    try {
      event = JSON.parse(line);
    } catch {
      continue; // a line cut by the kill
    }
    if (event.kind === 'step') out.set(event.step!, event.loss!);
  }
  return out;
}

describe('kill -9 at 20 random moments', () => {
  it('always leaves a run that loads, and resumes to the same losses bit for bit', async () => {
    const straight = await runBin(dir, args('straight'));
    expect(straight.code, straight.stderr).toBe(0);
    const expected = lossesOf('straight');
    expect(expected.size).toBe(STEPS);

    const rng = createRandom(11);
    let started = false;
    for (let kill = 0; kill < 20; kill++) {
      const delay = 250 + Math.floor(rng.next() * 900); // from start-up to mid-run
      const run = await runBin(dir, [...args('killed'), ...(started ? ['--resume'] : [])], {
        onStdout: (_out, child) => {
          setTimeout(() => child.kill('SIGKILL'), delay);
        },
      });
      if (run.code === 0) break; // finished before the kill
      expect(run.signal, run.stderr).toBe('SIGKILL');
      if (/checkpoint step/.test(run.stdout)) started = true;
      if (!started) continue;
      for (const command of [
        ['sample', 'killed', '--prime', 'the', '--length', '5'],
        ['eval', 'killed'],
      ]) {
        const io = bufferIo();
        expect(
          await runCli([...command, '--runs-dir', path.join(dir, 'runs')], io),
          io.stderr.join('\n'),
        ).toBe(0);
      }
    }
    const finish = await runBin(dir, [...args('killed'), '--resume']);
    expect(finish.code, finish.stderr).toBe(0);
    const resumed = lossesOf('killed');
    for (let step = 1; step <= STEPS; step++)
      expect(resumed.get(step), `step ${step}`).toBe(expected.get(step));
  }, 300_000);
});
