/** Runs the real `recurrent` binary from dist/ in a folder; resolves with its exit and output. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

export interface BinResult {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

export function runBin(
  cwd: string,
  args: readonly string[],
  options: {
    onStdout?: (text: string, child: ReturnType<typeof spawn>) => void;
    /** A shell pipeline after the binary, e.g. `head -c 100`. */
    pipeTo?: string;
    /** Written to the binary's stdin, which is then closed. */
    stdin?: string;
    /** Extra environment variables for the binary. */
    env?: Record<string, string>;
  } = {},
): Promise<BinResult> {
  return new Promise((resolve) => {
    const quoted = [process.execPath, bin, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`);
    const env = { ...process.env, ...options.env };
    const child = options.pipeTo
      ? spawn('bash', ['-o', 'pipefail', '-c', `${quoted.join(' ')} | ${options.pipeTo}`], {
          cwd,
          env,
        })
      : spawn(process.execPath, [bin, ...args], { cwd, env });
    if (options.stdin !== undefined) child.stdin.end(options.stdin);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      options.onStdout?.(stdout, child);
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
