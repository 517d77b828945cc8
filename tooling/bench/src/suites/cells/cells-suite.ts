/**
 * `pnpm bench cells`: our simple RNN, LSTM and GRU (`@recurrent/cells`, fused paths)
 * against tfjs-layers' `simpleRNN`, `lstm` and `gru` on the same backend in the same run:
 * training and inference tokens per second, their ratio, peak RSS and tf memory. Each
 * measurement runs in a child process of its own (see `child.ts`).
 */
import os from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { runInChild } from '../../child.js';
import type { MatmulRate, StepProfile } from '../../kernel-profile.js';
import type { Suite } from '../../suite.js';
import {
  type Column,
  formatCount,
  formatMarkdown,
  formatMegabytes,
  formatRatio,
  formatTable,
} from '../../table.js';
import { median } from '../../timing.js';
import { runCellsCase } from './cells-case.js';
import {
  type BackendChoice,
  type CaseResult,
  type CaseSpec,
  type ConfigName,
  type Impl,
  type ModelKind,
  stepDefaults,
  type Workload,
  workloads,
} from './cells-config.js';
import { type CellsFlags, cellsFlagHelp, parseCellsFlags } from './cells-flags.js';

const implNames: Readonly<Record<Impl, string>> = { ours: 'ours', layers: 'tfjs-layers' };

/** One row of a table: an implementation, and for ours with --workers, a worker count. */
interface Variant {
  readonly impl: Impl;
  readonly workers?: number;
  /** `ours`, `ours 2 workers`, `tfjs-layers`. */
  readonly label: string;
}

function variantsOf(flags: CellsFlags): Variant[] {
  return flags.impls.flatMap((impl): Variant[] =>
    impl === 'ours' && flags.workers
      ? flags.workers.map((n) => ({
          impl,
          workers: n,
          label: `ours ${n} worker${n === 1 ? '' : 's'}`,
        }))
      : [{ impl, label: implNames[impl] }],
  );
}

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

/** With --workers: each row's training speed over the first worker count's. */
const workersColumn: Column = { title: 'vs first count', right: true };

/** Several runs of one case as one: median times, peak memories, worst leak. */
function combine(runs: readonly CaseResult[]): CaseResult {
  const first = runs[0]!;
  if (runs.length === 1) return first;
  const max = (f: (r: CaseResult) => number) => Math.max(...runs.map(f));
  return {
    ...first,
    trainMs: median(runs.map((r) => r.trainMs)),
    inferMs: median(runs.map((r) => r.inferMs)),
    trainTimesMs: runs.map((r) => r.trainMs),
    peakRssBytes: max((r) => r.peakRssBytes),
    tfPeakBytes: max((r) => r.tfPeakBytes),
    tfBytes: max((r) => r.tfBytes),
    tensorDrift: max((r) => Math.abs(r.tensorDrift)),
    ...(first.matmulRates ? { matmulRates: medianRates(runs) } : {}),
  };
}

/** Each reference shape's median rate over the runs that measured it. */
function medianRates(runs: readonly CaseResult[]): MatmulRate[] {
  const first = runs[0]!.matmulRates ?? [];
  return first.map((rate, i) => ({
    shape: rate.shape,
    gflops: median(runs.map((r) => r.matmulRates?.[i]?.gflops ?? rate.gflops)),
  }));
}

const share = (part: number, whole: number) => `${Math.round((100 * part) / whole)}%`;

/**
 * The lines under a table for ours on one thread: the matmul rate measured in its processes,
 * and what fraction of it the timed step reaches (the step's matmul FLOPs over its median time).
 */
function rateLines(model: ModelKind, r: CaseResult, backend: string): string[] {
  const rates = r.matmulRates;
  const p = r.profile;
  if (!rates || rates.length === 0 || !p) return [];
  const gflops = p.matmulFlops / (r.trainMs * 1e6);
  const perStep = rates[0]!;
  const others = p.kernelMs - p.matmulMs;
  return [
    `${model} matmul rate on ${backend}, this run: ${rates.map((m) => `${m.shape} ${m.gflops.toFixed(1)} GFLOP/s`).join(', ')}`,
    `${model} ours: ${(p.matmulFlops / 1e9).toFixed(2)} GFLOP of matmuls a step in ${formatCount(r.trainMs)} ms = ${gflops.toFixed(1)} GFLOP/s, ${share(gflops, perStep.gflops)} of the ${perStep.shape} rate; profiled step: matmul kernels ${share(p.matmulMs, p.stepMs)}, other kernels ${share(others, p.stepMs)}, outside kernels ${share(Math.max(0, p.stepMs - p.kernelMs), p.stepMs)} (engine, tape, JavaScript)`,
  ];
}

const profileColumns: readonly Column[] = [
  { title: 'kernel' },
  { title: 'calls', right: true },
  { title: 'ms', right: true },
  { title: 'of step', right: true },
  { title: 'ms/call', right: true },
  { title: 'GFLOP/s', right: true },
];

/** `--profile`: one training step's kernels, slowest groups first, then the remainder. */
function profileTable(p: StepProfile, top = 16): string[][] {
  const rows = p.groups
    .slice(0, top)
    .map((g) => [
      g.label,
      String(g.calls),
      g.ms.toFixed(1),
      share(g.ms, p.stepMs),
      (g.ms / g.calls).toFixed(3),
      g.flops > 0 && g.ms > 0 ? (g.flops / (g.ms * 1e6)).toFixed(1) : '',
    ]);
  const rest = p.groups.slice(top);
  if (rest.length > 0) {
    const ms = rest.reduce((s, g) => s + g.ms, 0);
    const calls = rest.reduce((s, g) => s + g.calls, 0);
    rows.push([
      `${rest.length} other groups`,
      String(calls),
      ms.toFixed(1),
      share(ms, p.stepMs),
      '',
      '',
    ]);
  }
  const outside = Math.max(0, p.stepMs - p.kernelMs);
  rows.push([
    'outside kernels (engine, tape, JS)',
    '',
    outside.toFixed(1),
    share(outside, p.stepMs),
    '',
    '',
  ]);
  rows.push(['step (profiled)', String(p.kernelCalls), p.stepMs.toFixed(1), '100%', '', '']);
  return rows;
}

function describeResult(r: CaseResult): string {
  const perSecond = (ms: number) => (r.tokensPerStep / ms) * 1000;
  return `${formatCount(perSecond(r.trainMs))} tok/s train, ${formatCount(perSecond(r.inferMs))} tok/s infer (steps ${r.trainTimesMs.map((t) => Math.round(t)).join(', ')} ms)`;
}

/** Runs every variant of one model `flags.repeat` times, interleaved; medians by label. */
async function measureModel(
  flags: CellsFlags,
  backend: BackendChoice,
  config: ConfigName,
  model: ModelKind,
): Promise<Map<string, CaseResult>> {
  const variants = variantsOf(flags);
  const runs = new Map<string, CaseResult[]>(variants.map((v) => [v.label, []]));
  for (let round = 0; round < flags.repeat; round++) {
    for (const v of variants) {
      const spec: CaseSpec = {
        backend,
        config,
        model,
        impl: v.impl,
        ...stepsFor(flags, backend, config, v.impl),
        ...(v.workers !== undefined ? { workers: v.workers } : {}),
      };
      const r = await runInChild<CaseResult>('cells', spec);
      process.stderr.write(`  ${backend} ${config} ${model} ${v.label}: ${describeResult(r)}\n`);
      runs.get(v.label)!.push(r);
    }
  }
  return new Map([...runs].map(([label, list]) => [label, combine(list)]));
}

/** The table rows of one model: ours (with the ratios; per worker count) and tfjs-layers. */
function rowsFor(
  model: ModelKind,
  w: Workload,
  results: ReadonlyMap<string, CaseResult>,
  variants: readonly Variant[],
): string[][] {
  const perSecond = (ms: number | undefined) =>
    ms === undefined ? undefined : ((w.batch * w.time) / ms) * 1000;
  const firstOurs = variants.find((v) => v.impl === 'ours' && v.workers !== undefined);
  return variants.map((v) => {
    const r = results.get(v.label);
    if (!r) return [model, v.label, 'not measured'];
    const ours = v.impl === 'ours';
    const theirs = results.get(implNames.layers);
    const base = firstOurs ? results.get(firstOurs.label) : undefined;
    const speedUp =
      firstOurs && v.workers !== undefined
        ? [formatRatio(perSecond(r.trainMs), perSecond(base?.trainMs))]
        : firstOurs
          ? ['']
          : [];
    return [
      model,
      v.label,
      formatCount(perSecond(r.trainMs)),
      ((w.batch / r.trainMs) * 1000).toFixed(1),
      formatCount(perSecond(r.inferMs)),
      ours ? formatRatio(perSecond(r.trainMs), perSecond(theirs?.trainMs)) : '',
      ours ? formatRatio(perSecond(r.inferMs), perSecond(theirs?.inferMs)) : '',
      formatCount(r.trainMs),
      formatMegabytes(r.peakRssBytes),
      formatMegabytes(r.tfPeakBytes),
      formatMegabytes(r.tfBytes),
      String(r.tensorDrift),
      ...speedUp,
    ];
  });
}

function describeWorkload(w: Workload): string {
  const input =
    w.name === 'A'
      ? `one-hot ${w.vocab}`
      : `embedding ${w.vocab} x ${w.inputSize}, lengths ${w.minLength}..${w.time}`;
  return `${w.batch} x ${w.time} steps, ${w.units} units, ${input}`;
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
      let detail: string = backend;
      const variants = variantsOf(flags);
      const shown = flags.workers ? [...columns, workersColumn] : columns;
      const notes: string[] = [];
      const profiles: string[] = [];
      for (const model of flags.models) {
        const results = await measureModel(flags, backend, config, model);
        detail = [...results.values()][0]?.detail ?? detail;
        rows.push(...rowsFor(model, w, results, variants));
        const single = results.get(
          variants.find((v) => v.impl === 'ours' && (v.workers ?? 1) === 1)?.label ?? '',
        );
        if (single) notes.push(...rateLines(model, single, backend));
        if (!flags.profile) continue;
        for (const [label, r] of results) {
          if (!r.profile) continue;
          const table = profileTable(r.profile);
          profiles.push(
            `\nProfile of one ${model} training step, ${label} (config ${config}, ${backend}):`,
            flags.markdown
              ? formatMarkdown(profileColumns, table)
              : formatTable(profileColumns, table),
          );
        }
      }
      console.log(`\nConfig ${config} (${describeWorkload(w)}) on ${detail}`);
      console.log(flags.markdown ? formatMarkdown(shown, rows) : formatTable(shown, rows));
      for (const line of [...notes, ...profiles]) console.log(line);
    }
  }
  const runs = flags.repeat > 1 ? `; medians of ${flags.repeat} interleaved runs` : '';
  console.log(
    `\nratio = ours / tfjs-layers (same backend, same run${runs}). tok/s counts batch x time positions. leak = numTensors change over the timed steps.`,
  );
  if (flags.workers) {
    console.log(
      `ours N workers: training on N worker threads, each on its own ${flags.backends.join('/')} backend with contiguous rows of the batch; gradients combined in worker order, Adam and the weight broadcast on the main thread; inference and tf memory are the main thread's. vs first count = train tok/s over ours ${flags.workers[0]} worker(s). Load while measuring: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (1/5/15 min).`,
    );
  }
}

export const cellsSuite: Suite = {
  name: 'cells',
  summary: 'our LSTM / GRU / simple RNN vs tfjs-layers: training and inference tokens/s, memory',
  flags: cellsFlagHelp,
  run: runCells,
  runCase: (spec) => runCellsCase(spec as CaseSpec),
};
