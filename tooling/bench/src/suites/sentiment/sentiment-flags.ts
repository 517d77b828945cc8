/** The `sentiment` suite's flags, with defaults. */
import type { BackendChoice } from './sentiment-config.js';

export interface SentimentFlags {
  readonly backends: readonly BackendChoice[];
  readonly steps?: number;
  readonly warmup?: number;
  readonly repeat: number;
  readonly quick: boolean;
  readonly markdown: boolean;
}

export const sentimentFlagHelp: readonly string[] = [
  '--backend wasm|cpu|all    backends to measure (default wasm; cpu is far slower, 1 + 3 steps)',
  '--steps N                 timed training steps per measurement (default: one epoch, 16 padded, 18 bucketed)',
  '--warmup N                untimed training steps first, at least 1 (default: one epoch)',
  '--repeat N                measure each row N times (fresh processes, interleaved); report medians',
  '--quick                   2 warm-up and 6 timed steps (config B: 1 + 2)',
  '--markdown                print a markdown table',
];

const backendNames: readonly BackendChoice[] = ['wasm', 'cpu'];

function backends(value: string | undefined): BackendChoice[] {
  if (value === 'all') return [...backendNames];
  const parts = (value ?? '').split(',').filter((s) => s.length > 0);
  const bad = parts.find((p) => !(backendNames as readonly string[]).includes(p));
  if (parts.length === 0 || bad !== undefined) {
    throw new Error(`Unknown --backend "${bad ?? value}". Available: wasm, cpu, all.`);
  }
  return parts as BackendChoice[];
}

function count(flag: string, value: string | undefined, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new Error(`${flag} expects a whole number of at least ${min}, got "${value}".`);
  }
  return n;
}

export function parseSentimentFlags(flags: readonly string[]): SentimentFlags {
  const value = (name: string) => {
    const at = flags.indexOf(name);
    return at >= 0 ? flags[at + 1] : undefined;
  };
  const has = (name: string) => flags.includes(name);
  return {
    backends: has('--backend') ? backends(value('--backend')) : ['wasm'],
    ...(has('--steps') ? { steps: count('--steps', value('--steps'), 1) } : {}),
    ...(has('--warmup') ? { warmup: count('--warmup', value('--warmup'), 1) } : {}),
    repeat: has('--repeat') ? count('--repeat', value('--repeat'), 1) : 1,
    quick: has('--quick'),
    markdown: has('--markdown'),
  };
}
