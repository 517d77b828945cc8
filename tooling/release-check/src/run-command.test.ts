import { describe, expect, it } from 'vitest';
import { outputProblems, runCommand } from './run-command.js';

describe('outputProblems', () => {
  it('finds unknown commands, error lines and stack traces', () => {
    expect(outputProblems('Unknown command "tasks". Available: train')).toEqual([
      'says "Unknown command "tasks". Available: train"',
    ]);
    expect(outputProblems('step 1\nerror: --steps: expected a number\n')).toEqual([
      'prints an error: "error: --steps: expected a number"',
    ]);
    const trace = 'TypeError: x is undefined\n    at main (file:///a/dist/cli.js:10:5)\n';
    expect(outputProblems(trace)).toEqual([
      'prints an error: "TypeError: x is undefined"',
      'prints a stack trace: "at main (file:///a/dist/cli.js:10:5)"',
    ]);
  });

  it('passes ordinary output, including words like "errors-only"', () => {
    const ok = '> turbo run build --output-logs=errors-only\nstep 3/3 | loss 3.79\nwasm      yes\n';
    expect(outputProblems(ok)).toEqual([]);
  });
});

describe('runCommand', () => {
  it('returns the exit code and the output of both streams', async () => {
    const script = 'console.log("out"); console.error("err"); process.exit(3)';
    const result = await runCommand([process.execPath, '-e', script], {
      cwd: '/',
      timeoutMs: 10_000,
    });
    expect(result).toMatchObject({ code: 3, timedOut: false });
    expect(result.output).toContain('out');
    expect(result.output).toContain('err');
  });

  it('kills a command that runs past its limit', async () => {
    const result = await runCommand([process.execPath, '-e', 'setTimeout(() => {}, 60_000)'], {
      cwd: '/',
      timeoutMs: 300,
    });
    expect(result).toMatchObject({ code: null, timedOut: true });
  });
});
