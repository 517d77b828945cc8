/**
 * `recurrent lab units` through the CLI: the trainer registers the lab's command, its help
 * lists the flags, and on the shipped char-LM (the demo's export of the default run) it
 * prints the ranking the lab README shows (wasm). A missing run is an error with exit 1.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli.js';
import { bufferIo } from './test-io.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const shipped = path.join(repoRoot, 'apps', 'demo', 'public', 'models', 'char-lm');

describe('recurrent lab units', () => {
  it('is listed under `recurrent --help` and `recurrent lab --help`, and its own help names every flag', async () => {
    const top = bufferIo();
    expect(await runCli(['--help'], top)).toBe(0);
    expect(top.stdout.join('\n')).toMatch(
      /^ {2}lab {5}lab vanishing, lab units, lab defaults \(`recurrent lab --help` says what each does\)$/m,
    );
    const group = bufferIo();
    expect(await runCli(['lab', '--help'], group)).toBe(0);
    expect(group.stdout.join('\n')).toContain('Usage: recurrent lab units <run>');
    const help = bufferIo();
    expect(await runCli(['lab', 'units', '--help'], help)).toBe(0);
    const text = help.stdout.join('\n');
    for (const flag of ['--text', '--top', '--units', '--show', '--color', '--out', '--runs-dir']) {
      expect(text).toContain(flag);
    }
  });

  it('ranks the shipped model as the lab README shows (wasm)', async () => {
    const io = bufferIo();
    expect(await runCli(['lab', 'units', shipped, '--show', '0', '--backend', 'wasm'], io)).toBe(0);
    const lines = io.stdout;
    expect(lines[0]).toMatch(
      /lstm, 1 x 256 units, trained 1,400 steps \| .* 1,352 characters \| ranking 512 units/,
    );
    // Golden rows: the README's real output for this checkpoint and the default text.
    expect(lines).toContain('inside quotes          c214 +0.28   h32 +0.26    c32 +0.26');
    expect(lines).toContain('is a space             h145 -0.80   h20 +0.79    h231 -0.79');
  });

  it('says where it looked when there is no such run (exit 1)', async () => {
    const io = bufferIo();
    expect(await runCli(['lab', 'units', 'no-such-run', '--runs-dir', 'no-such-dir'], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(
      /error: recurrent lab units: no checkpoint found for "no-such-run": looked in no-such-run\/best/,
    );
  });
});
