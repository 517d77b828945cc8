/**
 * `pnpm bench generate`: characters per second of batch-1 streaming generation from a char-LM
 * of the default preset's shape (embedding 64 -> LSTM 256 -> dense), ours (`streamText`)
 * beside a tfjs-layers stateful LSTM on the same backend, in the same run; each in a fresh
 * child process, interleaved when repeated.
 */
import { runInChild } from '../../child.js';
import type { Suite } from '../../suite.js';
import { type Column, formatCount, formatMarkdown, formatRatio, formatTable } from '../../table.js';
import { median } from '../../timing.js';
import type { BackendChoice } from '../cells/cells-config.js';
import { runGenerateCase } from './generate-case.js';
import {
  type GenerateImpl,
  type GenerateResult,
  type GenerateSpec,
  generateDefaults,
  generateWorkload,
} from './generate-config.js';

const flagHelp: readonly string[] = [
  '--backend wasm|cpu|node-webgpu[,...]  backends, one after the other (default wasm)',
  '--length N                 characters generated after the prime (default 300)',
  '--repeat N                 runs per implementation (fresh processes, interleaved); medians',
  '--markdown                 print a markdown table',
];

interface GenerateFlags {
  readonly backends: readonly BackendChoice[];
  readonly length: number;
  readonly repeat: number;
  readonly markdown: boolean;
}

const backendNames: readonly BackendChoice[] = ['wasm', 'cpu', 'node-webgpu'];

export function parseGenerateFlags(flags: readonly string[]): GenerateFlags {
  const value = (name: string) => {
    const at = flags.indexOf(name);
    return at >= 0 ? flags[at + 1] : undefined;
  };
  const whole = (name: string, fallback: number, least: number) => {
    const v = value(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < least) {
      throw new Error(`${name} expects a whole number of at least ${least}, got "${v}".`);
    }
    return n;
  };
  const backends = (value('--backend') ?? generateDefaults.backends.join(','))
    .split(',')
    .filter(Boolean);
  const bad = backends.find((b) => !(backendNames as readonly string[]).includes(b));
  if (bad !== undefined || backends.length === 0) {
    throw new Error(`Unknown --backend "${bad ?? ''}". Available: ${backendNames.join(', ')}.`);
  }
  return {
    backends: backends as BackendChoice[],
    length: whole('--length', generateDefaults.length, 1),
    repeat: whole('--repeat', 1, 1),
    markdown: flags.includes('--markdown'),
  };
}

const implNames: Readonly<Record<GenerateImpl, string>> = {
  ours: 'ours (streamText)',
  layers: 'tfjs-layers (stateful LSTM)',
};

const columns: readonly Column[] = [
  { title: 'impl' },
  { title: 'chars/s', right: true },
  { title: 'ratio', right: true },
  { title: 'first char ms', right: true },
  { title: 'leak', right: true },
];

async function run(flags: readonly string[]): Promise<void> {
  const f = parseGenerateFlags(flags);
  for (const backend of f.backends) {
    const results: Record<GenerateImpl, GenerateResult[]> = { ours: [], layers: [] };
    for (let r = 0; r < f.repeat; r++) {
      for (const impl of ['ours', 'layers'] as const) {
        const spec: GenerateSpec = { impl, backend, length: f.length };
        const result = await runInChild<GenerateResult>('generate', spec);
        process.stderr.write(
          `  ${backend} ${implNames[impl]}: ${formatCount(result.charsPerSecond)} chars/s, first char ${Math.round(result.firstCharMs)} ms\n`,
        );
        results[impl].push(result);
      }
    }
    const mid = (impl: GenerateImpl, pick: (r: GenerateResult) => number) =>
      median(results[impl].map(pick));
    const rows = (['ours', 'layers'] as const).map((impl) => [
      implNames[impl],
      formatCount(mid(impl, (r) => r.charsPerSecond)),
      impl === 'ours'
        ? formatRatio(
            mid('ours', (r) => r.charsPerSecond),
            mid('layers', (r) => r.charsPerSecond),
          )
        : '',
      formatCount(mid(impl, (r) => r.firstCharMs)),
      String(Math.max(...results[impl].map((r) => Math.abs(r.tensorDrift)))),
    ]);
    const detail = results.ours[0]?.backendDetail ?? backend;
    console.log(
      `Generation at batch 1: prime ${JSON.stringify(generateWorkload.prime)}, ${f.length} characters, temperature ${generateWorkload.temperature}, char-LM default shape (embedding 64 -> LSTM 256 -> dense) on ${backend} (${detail})`,
    );
    console.log((f.markdown ? formatMarkdown : formatTable)(columns, rows));
  }
  console.log(
    `\nratio = ours / tfjs-layers (same backend, same run${f.repeat > 1 ? `, medians of ${f.repeat}` : ''}). leak = numTensors change over the timed generation.`,
  );
}

export const generateSuite: Suite = {
  name: 'generate',
  summary: 'characters/s of batch-1 streaming generation: ours vs a tfjs-layers stateful LSTM',
  flags: flagHelp,
  run,
  runCase: (spec) => runGenerateCase(spec as GenerateSpec),
};
