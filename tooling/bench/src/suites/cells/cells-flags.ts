/** The `cells` suite's flags, with defaults. */
import type { BackendChoice, ConfigName, Impl, ModelKind } from './cells-config.js';

export interface CellsFlags {
  readonly backends: readonly BackendChoice[];
  readonly configs: readonly ConfigName[];
  readonly models: readonly ModelKind[];
  readonly impls: readonly Impl[];
  readonly steps?: number;
  readonly warmup?: number;
  readonly repeat: number;
  readonly quick: boolean;
  readonly markdown: boolean;
  /** Worker counts to train ours on (`--workers 1,2`); absent: ours on this thread. */
  readonly workers?: readonly number[];
  /** Print each case's per-kernel profile of one training step (`--profile`). */
  readonly profile: boolean;
}

export const cellsFlagHelp: readonly string[] = [
  '--backend wasm|cpu|node-webgpu|all  backends to measure, one after the other (default all:',
  '                          wasm, cpu; node-webgpu needs the npm package webgpu, see doctor)',
  '--config A|B|all          workloads (default all)',
  '--models lstm,gru,rnn     recurrent layers (default all three)',
  '--impl ours|layers|both   implementations (default both)',
  '--steps N                 timed training steps and forward passes per measurement',
  '--warmup N                untimed training steps first',
  '--repeat N                measure each case N times (fresh processes, interleaved); report medians',
  '--quick                   1 warm-up and 2 timed steps (1 for tfjs-layers), LSTM only',
  '--markdown                print markdown tables',
  "--profile                 after each table, where one training step's time goes: kernels",
  '                          by name (matmuls by shape and transpose, with GFLOP/s), and the',
  '                          time outside kernels (engine, gradient tape, JavaScript)',
  '--workers 1,2             train ours data-parallel on each count of worker threads (one',
  '                          row each, with the speed-up over the first count), LSTM only',
];

function list<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  all: readonly T[] = allowed,
): T[] {
  if (value === 'all' || value === 'both') return [...all];
  const parts = (value ?? '').split(',').filter((s) => s.length > 0);
  const bad = parts.find((p) => !(allowed as readonly string[]).includes(p));
  if (parts.length === 0 || bad !== undefined) {
    throw new Error(`Unknown ${flag} "${bad ?? value}". Available: ${allowed.join(', ')}, all.`);
  }
  return parts as T[];
}

function count(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${flag} expects a whole number, got "${value}".`);
  return n;
}

function workerCounts(value: string | undefined): number[] {
  const parts = (value ?? '').split(',');
  const counts = parts.map(Number);
  if (parts.length === 0 || counts.some((n) => !Number.isInteger(n) || n < 1 || n > 64)) {
    throw new Error(
      `--workers expects worker counts from 1 to 64 separated by commas, e.g. --workers 1,2; got "${value}".`,
    );
  }
  return counts;
}

export function parseCellsFlags(flags: readonly string[]): CellsFlags {
  const value = (name: string) => {
    const at = flags.indexOf(name);
    return at >= 0 ? flags[at + 1] : undefined;
  };
  const quick = flags.includes('--quick');
  const has = (name: string) => flags.includes(name);
  return {
    backends: has('--backend')
      ? list('--backend', value('--backend'), ['wasm', 'cpu', 'node-webgpu'], ['wasm', 'cpu'])
      : ['wasm', 'cpu'],
    configs: has('--config') ? list('--config', value('--config'), ['A', 'B']) : ['A', 'B'],
    models: has('--models')
      ? list('--models', value('--models'), ['lstm', 'gru', 'rnn'])
      : quick || has('--workers')
        ? ['lstm']
        : ['lstm', 'gru', 'rnn'],
    impls: has('--impl') ? list('--impl', value('--impl'), ['ours', 'layers']) : ['ours', 'layers'],
    ...(has('--steps') ? { steps: count('--steps', value('--steps')) } : {}),
    ...(has('--warmup') ? { warmup: count('--warmup', value('--warmup')) } : {}),
    repeat: has('--repeat') ? Math.max(1, count('--repeat', value('--repeat'))) : 1,
    quick,
    markdown: has('--markdown'),
    profile: has('--profile'),
    ...(has('--workers') ? { workers: workerCounts(value('--workers')) } : {}),
  };
}
