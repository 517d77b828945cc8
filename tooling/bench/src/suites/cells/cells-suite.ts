/**
 * `pnpm bench cells`: our simple RNN, LSTM and GRU (`@recurrent/cells`, fused paths)
 * against tfjs-layers' `simpleRNN`, `lstm` and `gru` on the same backend in the same run:
 * training and inference tokens per second, their ratio, peak RSS and tf memory. Each
 * measurement runs in a child process of its own (see `child.ts`).
 */
import os from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { runInChild } from '../../child.js';
import type { Suite } from '../../suite.js';
import {
  type Column,
  formatCount,
  formatMegabytes,
  formatRatio,
  formatTable,
} from '../../table.js';
import { runCellsCase } from './cells-case.js';
import {
  type BackendChoice,
  type CaseResult,
  type CaseSpec,
  type ConfigName,
  type Impl,
  stepDefaults,
  workloads,
} from './cells-config.js';
import { type CellsFlags, cellsFlagHelp, parseCellsFlags } from './cells-flags.js';

const implNames: Readonly<Record<Impl, string>> = { ours: 'ours', layers: 'tfjs-layers' };

function stepsFor(flags: CellsFlags, backend: BackendChoice, config: ConfigName, impl: Impl) {
  const base =
    impl === 'layers' && config === 'B' && backend === 'wasm'
      ? stepDefaults.layersB
      : stepDefaults[backend][impl];
  const quick = flags.quick ? { warmup: 1, steps: impl === 'ours' ? 2 : 1 } : base;
  return { warmup: flags.warmup ?? quick.warmup, steps: Math.max(1, flags.steps ?? quick.steps) };
}

const columns: readonly Column[] = [
  { title: 'model' },
  { title: 'impl' },
  { title: 'train tok/s', right: true },
  { title: 'train seq/s', right: true },
  { title: 'infer tok/s', right: true },
  { title: 'train ratio', right: true },
  { title: 'infer ratio', right: true },
  { title: 'ms/step', right: true },
  { title: 'peak RSS MB', right: true },
  { title: 'tf peak MB', right: true },
  { title: 'tf MB', right: true },
  { title: 'leak', right: true },
];

function markdown(table: string): string {
  const [head, rule, ...rows] = table.split('\n');
  const cells = (line: string) => `| ${line.trim().split(/ {2,}/).join(' | ')} |`;
  const ruleCells = `|${head!
    .trim()
    .split(/ {2,}/)
    .map(() => '---')
    .join('|')}|`;
  void rule;
  return [cells(head!), ruleCells, ...rows.map(cells)].join('\n');
}

function describeResult(r: CaseResult): string {
  const perSecond = (ms: number) => (r.tokensPerStep / ms) * 1000;
  return `${formatCount(perSecond(r.trainMs))} tok/s train, ${formatCount(perSecond(r.inferMs))} tok/s infer (steps ${r.trainTimesMs.map((t) => Math.round(t)).join(', ')} ms)`;
}

async function runCells(argv: readonly string[]): Promise<void> {
  const flags = parseCellsFlags(argv);
  const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
  console.log(
    `cells benchmark, ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} cores (${cpu}), Node ${process.versions.node}, tfjs ${tf.version_core}`,
  );
  for (const backend of flags.backends) {
    for (const config of flags.configs) {
      const w = workloads[config];
      const rows: string[][] = [];
      let detail = backend as string;
      for (const model of flags.models) {
        const results: Partial<Record<Impl, CaseResult>> = {};
        for (const impl of flags.impls) {
          if (backend === 'cpu' && config === 'B' && impl === 'layers' && !flags.cpuLayersB) {
            rows.push([
              model,
              implNames[impl],
              'skipped: minutes per step on cpu (--cpu-layers-b)',
            ]);
            continue;
          }
          const spec: CaseSpec = {
            backend,
            config,
            model,
            impl,
            ...stepsFor(flags, backend, config, impl),
          };
          process.stderr.write(`  ${backend} ${config} ${model} ${implNames[impl]}: `);
          const r = await runInChild<CaseResult>('cells', spec);
          process.stderr.write(`${describeResult(r)}\n`);
          results[impl] = r;
          detail = r.detail;
        }
        for (const impl of flags.impls) {
          const r = results[impl];
          if (!r) continue;
          const theirs = results.layers;
          const perSecond = (ms: number) => (r.tokensPerStep / ms) * 1000;
          const theirPerSecond = (ms: number | undefined) =>
            ms === undefined ? undefined : (r.tokensPerStep / ms) * 1000;
          const ours = impl === 'ours';
          rows.push([
            model,
            implNames[impl],
            formatCount(perSecond(r.trainMs)),
            ((w.batch / r.trainMs) * 1000).toFixed(1),
            formatCount(perSecond(r.inferMs)),
            ours ? formatRatio(perSecond(r.trainMs), theirPerSecond(theirs?.trainMs)) : '',
            ours ? formatRatio(perSecond(r.inferMs), theirPerSecond(theirs?.inferMs)) : '',
            formatCount(r.trainMs),
            formatMegabytes(r.peakRssBytes),
            formatMegabytes(r.tfPeakBytes),
            formatMegabytes(r.tfBytes),
            String(r.tensorDrift),
          ]);
        }
      }
      const shape = `${w.batch} x ${w.time} steps, ${w.units} units, ${config === 'A' ? `one-hot ${w.vocab}` : `embedding ${w.vocab} x ${w.inputSize}, lengths ${w.minLength}..${w.time}`}`;
      console.log(`\nConfig ${config} (${shape}) on ${detail}`);
      const table = formatTable(columns, rows);
      console.log(flags.markdown ? markdown(table) : table);
    }
  }
  console.log(
    '\nratio = ours / tfjs-layers (same backend, same run). tok/s counts batch x time positions. leak = numTensors change over the timed steps.',
  );
}

export const cellsSuite: Suite = {
  name: 'cells',
  summary: 'our LSTM / GRU / simple RNN vs tfjs-layers: training and inference tokens/s, memory',
  flags: cellsFlagHelp,
  run: runCells,
  runCase: (spec) => runCellsCase(spec as CaseSpec),
};
