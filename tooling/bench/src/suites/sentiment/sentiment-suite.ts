/**
 * `pnpm bench sentiment`: training throughput of the real `@recurrent/sentiment` model on
 * word input shaped like config B (embedding 64 over 10,000 words, one LSTM of 128 units,
 * max length 200, batch 64, lengths 50..200, Adam), with every batch padded to 200 and with
 * the package's length bucketing, counted in real (unpadded) tokens per second; beside them
 * config B's own LSTM from the cells suite (ours), measured in the same run. Each
 * measurement runs in a child process of its own (see `child.ts`).
 */
import os from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { runInChild } from '../../child.js';
import type { Suite } from '../../suite.js';
import {
  type Column,
  formatCount,
  formatMarkdown,
  formatMegabytes,
  formatTable,
} from '../../table.js';
import { median } from '../../timing.js';
import { type CaseResult, type CaseSpec, stepDefaults, workloads } from '../cells/cells-config.js';
import { workloadLengths } from '../cells/cells-data.js';
import { runSentimentCase } from './sentiment-case.js';
import {
  type BackendChoice,
  type Batching,
  type SentimentCaseResult,
  type SentimentCaseSpec,
  sentimentStepDefaults,
  sentimentWorkload,
} from './sentiment-config.js';
import { parseSentimentFlags, type SentimentFlags, sentimentFlagHelp } from './sentiment-flags.js';

/** One run of one row, reduced to what the table shows. */
interface RowRun {
  readonly realPerSecond: number;
  readonly paddedPerSecond: number;
  readonly paddedPerStep: number;
  readonly paddingShare: number;
  readonly msPerStep: number;
  readonly peakRssBytes: number;
  readonly tensorDrift: number;
  readonly shapes: string;
}

const columns: readonly Column[] = [
  { title: 'row' },
  { title: 'batch shapes' },
  { title: 'real tok/s', right: true },
  { title: 'padded tok/s', right: true },
  { title: 'padded tok/step', right: true },
  { title: 'padding', right: true },
  { title: 'ms/step', right: true },
  { title: 'real vs padded', right: true },
  { title: 'peak RSS MB', right: true },
  { title: 'leak', right: true },
];

function fromSentiment(r: SentimentCaseResult): RowRun {
  const ms = r.stepTimesMs.reduce((a, b) => a + b, 0);
  const steps = r.stepTimesMs.length;
  return {
    realPerSecond: (r.realTokens / ms) * 1000,
    paddedPerSecond: (r.paddedTokens / ms) * 1000,
    paddedPerStep: r.paddedTokens / steps,
    paddingShare: 1 - r.realTokens / r.paddedTokens,
    msPerStep: ms / steps,
    peakRssBytes: r.peakRssBytes,
    tensorDrift: r.tensorDrift,
    shapes: `${sentimentWorkload.batch} x ${r.timeSteps.join('|')}`,
  };
}

function fromConfigB(r: CaseResult): RowRun {
  const w = workloads.B;
  const real = workloadLengths(w).reduce((n, x) => n + x, 0); // the real steps of its one batch
  return {
    realPerSecond: (real / r.trainMs) * 1000,
    paddedPerSecond: (r.tokensPerStep / r.trainMs) * 1000,
    paddedPerStep: r.tokensPerStep,
    paddingShare: 1 - real / r.tokensPerStep,
    msPerStep: r.trainMs,
    peakRssBytes: r.peakRssBytes,
    tensorDrift: r.tensorDrift,
    shapes: `${w.batch} x ${w.time}`,
  };
}

/** Several runs of one row as one: median rates and times, peak memory, worst leak. */
function combineRuns(runs: readonly RowRun[]): RowRun {
  const mid = (f: (r: RowRun) => number) => median(runs.map(f));
  return {
    realPerSecond: mid((r) => r.realPerSecond),
    paddedPerSecond: mid((r) => r.paddedPerSecond),
    paddedPerStep: mid((r) => r.paddedPerStep),
    paddingShare: mid((r) => r.paddingShare),
    msPerStep: mid((r) => r.msPerStep),
    peakRssBytes: Math.max(...runs.map((r) => r.peakRssBytes)),
    tensorDrift: Math.max(...runs.map((r) => Math.abs(r.tensorDrift))),
    shapes: runs[0]!.shapes,
  };
}

function stepsFor(flags: SentimentFlags, backend: BackendChoice) {
  const base = flags.quick ? sentimentStepDefaults.quick : sentimentStepDefaults[backend];
  const warmup = flags.warmup ?? base.warmup;
  const steps = flags.steps ?? base.steps;
  return { ...(warmup === undefined ? {} : { warmup }), ...(steps === undefined ? {} : { steps }) };
}

function configBSpec(flags: SentimentFlags, backend: BackendChoice): CaseSpec {
  const base = flags.quick ? { warmup: 1, steps: 2 } : stepDefaults[backend].ours;
  return { backend, config: 'B', model: 'lstm', impl: 'ours', ...base };
}

const rowNames: Readonly<Record<Batching | 'B', string>> = {
  padded: 'sentiment, every batch padded to 200',
  bucketed: `sentiment, ${sentimentWorkload.buckets} length buckets`,
  B: 'config B (cells suite, ours lstm)',
};

async function measureBackend(flags: SentimentFlags, backend: BackendChoice) {
  const runs: Record<Batching | 'B', RowRun[]> = { padded: [], bucketed: [], B: [] };
  let detail: string = backend;
  let epochShares: Partial<Record<Batching, number>> = {};
  for (let round = 0; round < flags.repeat; round++) {
    for (const batching of ['padded', 'bucketed'] as const) {
      const spec: SentimentCaseSpec = { backend, batching, ...stepsFor(flags, backend) };
      const r = await runInChild<SentimentCaseResult>('sentiment', spec);
      const row = fromSentiment(r);
      detail = r.detail;
      epochShares = { ...epochShares, [batching]: r.epochPaddingShare };
      process.stderr.write(
        `  ${backend} ${batching}: ${formatCount(row.realPerSecond)} real tok/s (steps ${r.stepTimesMs.map((t, i) => `${Math.round(t)}@${r.stepLengths[i]}`).join(', ')} ms@length)\n`,
      );
      runs[batching].push(row);
    }
    const b = await runInChild<CaseResult>('cells', configBSpec(flags, backend));
    process.stderr.write(
      `  ${backend} config B lstm ours: steps ${b.trainTimesMs.map((t) => Math.round(t)).join(', ')} ms\n`,
    );
    runs.B.push(fromConfigB(b));
  }
  return {
    detail,
    epochShares,
    rows: {
      padded: combineRuns(runs.padded),
      bucketed: combineRuns(runs.bucketed),
      B: combineRuns(runs.B),
    },
  };
}

async function runSentiment(argv: readonly string[]): Promise<void> {
  const flags = parseSentimentFlags(argv);
  const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
  console.log(
    `sentiment benchmark, ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} cores (${cpu}), Node ${process.versions.node}, tfjs ${tf.version_core}`,
  );
  const w = sentimentWorkload;
  for (const backend of flags.backends) {
    const { detail, epochShares, rows } = await measureBackend(flags, backend);
    const base = rows.padded.realPerSecond;
    const table = (['padded', 'bucketed', 'B'] as const).map((k) => {
      const r = rows[k];
      return [
        rowNames[k],
        r.shapes,
        formatCount(r.realPerSecond),
        formatCount(r.paddedPerSecond),
        formatCount(r.paddedPerStep),
        `${(100 * r.paddingShare).toFixed(1)}%`,
        formatCount(r.msPerStep),
        `${(r.realPerSecond / base).toFixed(2)}x`,
        formatMegabytes(r.peakRssBytes),
        String(r.tensorDrift),
      ];
    });
    console.log(
      `\nWord input like config B (embedding ${w.vocab} x ${w.embeddingDim}, LSTM ${w.units}, max length ${w.maxLength}, batch ${w.batch}, lengths ${w.minLength}..${w.maxLength}, ${w.sentences} synthetic sentences) on ${detail}`,
    );
    console.log(flags.markdown ? formatMarkdown(columns, table) : formatTable(columns, table));
    const share = (b: Batching) => `${(100 * (epochShares[b] ?? Number.NaN)).toFixed(1)}%`;
    console.log(
      `\nbucketing: ${(rows.bucketed.realPerSecond / base).toFixed(2)}x the real tokens/s of padding every batch to ${w.maxLength} (padding over a whole epoch: ${share('bucketed')} vs ${share('padded')}).`,
    );
  }
  const runs = flags.repeat > 1 ? ` Medians of ${flags.repeat} interleaved runs.` : '';
  console.log(
    `real tok/s counts unpadded tokens per second of training; padded tok/s counts batch x time positions. The sentiment rows run the package's training loop (trainClassifier: Adam, warmup + cosine, clipping at 5, batches built per step); config B is the cells suite's bare step (Adam only) on one fixed batch. leak = numTensors change over the timed steps.${runs}`,
  );
}

export const sentimentSuite: Suite = {
  name: 'sentiment',
  summary:
    '@recurrent/sentiment training on word input like config B: real tokens/s with and without bucketing',
  flags: sentimentFlagHelp,
  run: runSentiment,
  runCase: (spec) => runSentimentCase(spec as SentimentCaseSpec),
};
