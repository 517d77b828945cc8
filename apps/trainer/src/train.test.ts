import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { charLmDefaults } from '@recurrent/char-lm';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './cli.js';
import type { Io } from './io.js';

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'recurrent-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function bufferIo(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, isTty: false, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

/** Runs the real binary; resolves with its exit code and output. */
function runBin(
  args: string[],
  onStdout?: (text: string, child: ReturnType<typeof spawn>) => void,
): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      onStdout?.(stdout, child);
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

const corpus = path.join(dir, 'small.txt');
writeFileSync(corpus, 'the cat sat on the mat. the dog sat on the log.\n'.repeat(80));
const tiny = [
  '--preset',
  'tiny',
  '--corpus',
  corpus,
  '--runs-dir',
  dir,
  '--time-steps',
  '16',
  '--batch-size',
  '8',
];

describe('recurrent train char-lm', () => {
  it('prints config and backend, lowers the loss, checkpoints, samples, evaluates and exports', async () => {
    const { code, stdout } = await runBin([
      'train',
      'char-lm',
      ...tiny,
      '--name',
      'e2e',
      '--steps',
      '120',
      '--eval-every',
      '60',
      '--log-every',
      '20',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^recurrent train char-lm \| backend wasm \(SIMD on, threads off\)/);
    expect(stdout).toMatch(
      /config: cell=lstm layers=1 units=64 embedding-dim=16 dropout=0 time-steps=16 batch-size=8/,
    );
    const losses = [...stdout.matchAll(/\| loss (\d+\.\d+)/g)].map((m) => Number(m[1]));
    expect(losses.length).toBeGreaterThanOrEqual(6);
    expect(losses.at(-1)!).toBeLessThan(losses[0]! * 0.6);
    expect(stdout).toMatch(/sample at step 120/);
    expect(stdout).toMatch(/final: validation loss \d\.\d{4} nats\/char/);
    expect(existsSync(path.join(dir, 'e2e', 'best', 'weights.safetensors'))).toBe(true);
    const log = readFileSync(path.join(dir, 'e2e', 'log.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(log[0].kind).toBe('start');
    expect(log.filter((e) => e.kind === 'step')).toHaveLength(120);
    expect(log.some((e) => e.kind === 'eval')).toBe(true);

    const sampled = await runBin([
      'sample',
      'e2e',
      '--runs-dir',
      dir,
      '--prime',
      'the ',
      '--length',
      '60',
      '--seed',
      '1',
    ]);
    expect(sampled.code).toBe(0);
    expect(sampled.stdout).toMatch(/^the .{30,}/s);
    expect(sampled.stderr).toMatch(/60 characters in [\d.]+ s \(\d+ chars\/s\)/);
    const again = await runBin([
      'sample',
      'e2e',
      '--runs-dir',
      dir,
      '--prime',
      'the ',
      '--length',
      '60',
      '--seed',
      '1',
    ]);
    expect(again.stdout).toBe(sampled.stdout);

    const evaluated = await runBin(['eval', 'e2e', '--runs-dir', dir, '--text', corpus]);
    expect(evaluated.code).toBe(0);
    expect(evaluated.stdout).toMatch(
      /^\d\.\d{4} nats\/char, \d\.\d{4} bits\/char over [\d,]+ characters of .*small\.txt/,
    );

    const exported = await runBin([
      'export',
      'e2e',
      '--runs-dir',
      dir,
      '--to',
      path.join(dir, 'exported'),
    ]);
    expect(exported.code).toBe(0);
    expect(existsSync(path.join(dir, 'exported', 'weights.safetensors'))).toBe(true);
    expect(existsSync(path.join(dir, 'exported', 'optimizer.safetensors'))).toBe(false);
    const exportedConfig = JSON.parse(
      readFileSync(path.join(dir, 'exported', 'config.json'), 'utf8'),
    );
    // export takes best/: the step of the lowest validation loss (60 or 120 on this tiny text)
    const best = JSON.parse(readFileSync(path.join(dir, 'e2e', 'best', 'state.json'), 'utf8'));
    expect([60, 120]).toContain(best.step);
    expect(exportedConfig).toMatchObject({
      task: 'char-lm',
      trainedSteps: best.step,
      metrics: { valLoss: expect.any(Number), bitsPerChar: expect.any(Number) },
    });
    const fromExport = await runBin([
      'sample',
      path.join(dir, 'exported'),
      '--prime',
      'the ',
      '--length',
      '60',
      '--seed',
      '1',
    ]);
    expect(fromExport.stdout).toBe(sampled.stdout);
  });

  it('picks a fresh run name when none is given, and refuses to overwrite a named run', async () => {
    const args = [
      'train',
      'char-lm',
      ...tiny,
      '--steps',
      '2',
      '--eval-every',
      '1000',
      '--sample-length',
      '0',
    ];
    const first = await runBin(args);
    const second = await runBin(args);
    expect(first.stdout).toMatch(/run: .*\/char-lm\n/);
    expect(second.stdout).toMatch(/run: .*\/char-lm-2\n/);
    const taken = await runBin([...args, '--name', 'char-lm']);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(
      /Run "char-lm" already has a checkpoint .* Pass --resume to continue it, or another --name/,
    );
  });

  it('saves on Ctrl-C and continues with --resume', async () => {
    let sent = false;
    const interrupted = await runBin(
      [
        'train',
        'char-lm',
        ...tiny,
        '--name',
        'ctrlc',
        '--steps',
        '400',
        '--log-every',
        '5',
        '--checkpoint-every',
        '1000',
      ],
      (out, child) => {
        if (!sent && /step 20\//.test(out)) {
          sent = true;
          child.kill('SIGINT');
        }
      },
    );
    expect(interrupted.code).toBe(130);
    expect(interrupted.stdout).toMatch(/interrupted: finishing this step and saving latest/);
    expect(interrupted.stdout).toMatch(
      /continue with: recurrent train char-lm --name ctrlc --resume/,
    );
    const stoppedAt = Number(/done: aborted at step (\d+)/.exec(interrupted.stdout)?.[1]);
    expect(stoppedAt).toBeGreaterThanOrEqual(20);
    const resumed = await runBin([
      'train',
      'char-lm',
      ...tiny,
      '--name',
      'ctrlc',
      '--steps',
      String(stoppedAt + 10),
      '--resume',
      '--log-every',
      '1',
    ]);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(new RegExp(`resumed from .*ctrlc/latest at step ${stoppedAt}`));
    expect(resumed.stdout).toMatch(new RegExp(`step ${stoppedAt + 1}/${stoppedAt + 10}`));
    expect(resumed.stdout).not.toMatch(new RegExp(`step ${stoppedAt}/`));
  });

  it('continues after SIGKILL from the last checkpoint, and refuses a corrupted one', async () => {
    let killed = false;
    const run = await runBin(
      [
        'train',
        'char-lm',
        ...tiny,
        '--name',
        'killed',
        '--steps',
        '400',
        '--log-every',
        '1',
        '--checkpoint-every',
        '10',
        '--eval-every',
        '1000',
      ],
      (out, child) => {
        if (!killed && /checkpoint step 20 -> /.test(out)) {
          killed = true;
          child.kill('SIGKILL');
        }
      },
    );
    expect(run.signal).toBe('SIGKILL');
    const resumed = await runBin([
      'train',
      'char-lm',
      ...tiny,
      '--name',
      'killed',
      '--steps',
      '25',
      '--resume',
      '--log-every',
      '1',
      '--eval-every',
      '1000',
    ]);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/resumed from .*killed\/latest at step (20|30)/);
    const weights = path.join(dir, 'killed', 'latest', 'weights.safetensors');
    const bytes = readFileSync(weights);
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 0x55;
    writeFileSync(weights, bytes);
    const corrupt = await runBin([
      'sample',
      path.join(dir, 'killed', 'latest'),
      '--prime',
      'the',
      '--length',
      '5',
    ]);
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr).toMatch(/error: .*weights\.safetensors.*(sha256|checksum)/i);
  });
});

describe('recurrent CLI errors', () => {
  it.each([
    [['train', 'char-lm', '--corpus', '/nonexistent/moby.txt'], 1, /\/nonexistent\/moby\.txt/],
    [
      ['train', 'char-lm', '--cell', 'transformer'],
      2,
      /--cell: unknown value "transformer"\. Available: lstm, gru, rnn\./,
    ],
    [
      ['train', 'char-lm', '--preset', 'huge'],
      2,
      /--preset: unknown value "huge"\. Available: default, large, tiny\./,
    ],
    [
      ['train', 'char-lm', '--units', 'many'],
      2,
      /--units: expected an integer in \[1, 8192\], got "many"\./,
    ],
    [
      ['train', 'char-lm', '--units', '0'],
      2,
      /--units: expected an integer in \[1, 8192\], got 0\./,
    ],
    [
      ['train', 'char-lm', '--units', '-5'],
      2,
      /--units: expected an integer in \[1, 8192\], got -5\./,
    ],
    [
      ['train', 'char-lm', '--steps', '1e20'],
      2,
      /--steps: expected an integer in \[1, 100000000\]/,
    ],
    [['train', 'char-lm', '--log-every', '0'], 2, /--log-every: expected an integer in \[1, /],
    [['train', 'char-lm', '--checkpoint-every', '0'], 2, /--checkpoint-every: expected an integer/],
    [
      ['train', 'char-lm', '--learning-rate', 'NaN'],
      2,
      /--learning-rate: expected a number in \(0, 10\]/,
    ],
    [['train', 'char-lm', '--name', '../victim'], 2, /--name: expected a run name/],
    [['train', 'char-lm', '--name', ''], 2, /--name: expected a run name/],
    [['train', 'char-lm', '--name', '/abs/path'], 2, /--name: expected a run name/],
    [['train', 'no-such-task'], 2, /Unknown task "no-such-task"\. Available: char-lm/],
    [['sample'], 2, /expected a run name or checkpoint folder/],
    [
      ['sample', 'no-such-run', '--runs-dir', '/tmp/none'],
      1,
      /No checkpoint found for "no-such-run"/,
    ],
  ])('%j exits %i', async (args, code, message) => {
    const io = bufferIo();
    expect(await runCli(args, io)).toBe(code);
    expect(io.stderr.join('\n')).toMatch(message);
  });

  it('rejects an empty corpus', async () => {
    const empty = path.join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const io = bufferIo();
    expect(
      await runCli(
        ['train', 'char-lm', '--corpus', empty, '--runs-dir', dir, '--name', 'empty'],
        io,
      ),
    ).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/empty/i);
  });

  it('shows every hyper-parameter flag with its default in help', async () => {
    const io = bufferIo();
    expect(await runCli(['train', 'char-lm', '--help'], io)).toBe(0);
    const help = io.stdout.join('\n');
    for (const flag of [
      'cell',
      'layers',
      'units',
      'embedding-dim',
      'dropout',
      'time-steps',
      'batch-size',
      'learning-rate',
      'steps',
      'warmup-steps',
      'clip-norm',
      'validation-fraction',
      'seed',
      'corpus',
      'resume',
      'preset',
    ]) {
      expect(help).toMatch(new RegExp(`--${flag}\\b`));
    }
    expect(help).toMatch(
      new RegExp(`--units <n> +units per layer; preset default ${charLmDefaults.units}`),
    );
  });
});
