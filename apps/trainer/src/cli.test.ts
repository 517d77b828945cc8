import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli.js';
import type { Io } from './io.js';

function bufferIo(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, isTty: false, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

describe('recurrent doctor', () => {
  it('lists cpu and wasm as available and explains the others', async () => {
    const io = bufferIo();
    expect(await runCli(['doctor'], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/backend {5}wasm \(chosen by auto: SIMD on, threads off\)/);
    expect(text).toMatch(/tfjs-core {3}4\.22\.0/);
    expect(text).toMatch(/\n {2}wasm +yes +\* +SIMD on/);
    expect(text).toMatch(/\n {2}cpu +yes/);
    expect(text).toMatch(
      /\n {2}node-gpu +no +@tensorflow\/tfjs-node-gpu is not installed.*CUDA 11\.2 and cuDNN 8\.1/,
    );
    expect(text).toMatch(/\n {2}node +no +@tensorflow\/tfjs-node is not installed/);
    expect(text).toMatch(/\n {2}webgpu +no +navigator\.gpu is undefined/);
    expect(text).toMatch(/\n {2}webgl +no +WebGL needs a browser/);
  });

  it('prints JSON with --json and honours --backend', async () => {
    const io = bufferIo();
    expect(await runCli(['doctor', '--json', '--backend', 'cpu'], io)).toBe(0);
    const report = JSON.parse(io.stdout.join('\n'));
    expect(report.backend).toBe('cpu');
    expect(report.report).toHaveLength(7);
  });

  it('falls back with the reason when the requested backend is missing', async () => {
    const io = bufferIo();
    expect(await runCli(['doctor', '--backend', 'node-gpu'], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/backend {5}wasm \(requested node-gpu/);
  });

  it('rejects unknown commands, flags and backends with exit code 2', async () => {
    for (const [args, message] of [
      [
        ['fly'],
        /Unknown command "fly"\. Available: tasks, train, sample, predict, eval, export, import, doctor, data, caption, lab\./,
      ],
      [
        ['doctor', '--backend', 'tpu'],
        /--backend: unknown value "tpu"\. Available: auto, node-gpu, node, node-webgpu, wasm, cpu\./,
      ],
      [['doctor', '--frobnicate'], /Unknown option '--frobnicate'/],
    ] as const) {
      const io = bufferIo();
      expect(await runCli(args, io)).toBe(2);
      expect(io.stderr.join('\n')).toMatch(message);
    }
  });

  it('runs as a real binary from dist', async () => {
    const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'doctor']);
    expect(stdout).toMatch(/wasm +yes +\*/);
  });
});
