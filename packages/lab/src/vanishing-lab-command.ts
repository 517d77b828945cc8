/**
 * `recurrent lab vanishing`: the vanishing-gradient sweep from the command line. Trains a
 * simple RNN, a GRU and LSTMs (forget-gate bias 0, 1, chrono) on the long-range task for
 * every k with the same budget, prints progress, the tables and terminal curves, and
 * writes `vanishing.svg` and `vanishing.json` (every number) to `--out`.
 *
 *   recurrent lab vanishing            # k = 5, 10, 20, 50 (about 10 minutes on 2 cores)
 *   recurrent lab vanishing --full     # adds k = 100
 */
import { ConfigError } from '@recurrent/errors';
import {
  type OptionSpecs,
  type OptionValues,
  resolveOptions,
  type TaskCommand,
  type TaskCommandContext,
} from '@recurrent/task';
import * as tf from '@tensorflow/tfjs-core';
import {
  labModels,
  runVanishingSweep,
  type VanishingProgress,
  vanishingSweepDefaults,
} from './run-vanishing-sweep.js';
import { vanishingAsciiPlots, vanishingSvg, vanishingTables } from './vanishing-report.js';
import { writeLabFiles } from './write-lab-files.js';

const d = vanishingSweepDefaults;

const options: OptionSpecs = Object.freeze({
  full: {
    type: 'boolean',
    default: false,
    help: 'also k = 100 (sequences of length 110): about 3x longer',
  },
  ks: {
    type: 'string',
    default: d.ks.join(','),
    help: 'the distances k to sweep, comma-separated',
  },
  models: {
    type: 'string',
    default: labModels.map((m) => m.name).join(','),
    help: `the models, comma-separated, from ${labModels.map((m) => m.name).join(', ')}`,
  },
  steps: {
    type: 'integer',
    default: d.steps,
    min: 1,
    help: 'training steps of every model (the same budget for all)',
  },
  batch: { type: 'integer', default: d.batch, min: 1, help: 'sequences per step' },
  units: { type: 'integer', default: d.units, min: 1, help: 'hidden units of every cell' },
  learningRate: {
    type: 'number',
    default: d.learningRate,
    min: 0,
    exclusiveMin: true,
    help: 'Adam learning rate of every model',
  },
  evalSize: {
    type: 'integer',
    default: d.evalSize,
    min: 1,
    help: 'held-out sequences for accuracy',
  },
  seed: {
    type: 'integer',
    default: d.seed,
    min: 0,
    help: 'seed of weights and data: the same seed gives the same table',
  },
  out: {
    type: 'path',
    default: 'lab-vanishing',
    help: 'folder for vanishing.svg and vanishing.json',
  },
});

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

function sweepModels(names: string) {
  return list(names).map((name) => {
    const spec = labModels.find((m) => m.name === name);
    if (!spec) {
      throw new ConfigError(
        `recurrent lab vanishing: Unknown model "${name}". Available: ${labModels.map((m) => m.name).join(', ')}.`,
      );
    }
    return spec;
  });
}

function sweepKs(text: string, full: boolean): number[] {
  const ks = list(text).map((s) => {
    const k = Number(s);
    if (!(Number.isInteger(k) && k >= 1)) {
      throw new ConfigError(
        `recurrent lab vanishing: --ks: expected integers >= 1 such as 5,10,20,50, got "${s}".`,
      );
    }
    return k;
  });
  if (full && !ks.includes(100)) ks.push(100);
  return ks;
}

function progressLine(e: VanishingProgress, steps: number): string | null {
  if (e.kind === 'start')
    return `[${e.index + 1}/${e.total}] ${e.model} k=${e.k}: training ${steps} steps`;
  if (e.kind === 'step') {
    const every = Math.max(1, Math.round(steps / 4));
    return e.step % every === 0 && e.step < steps
      ? `  step ${e.step}/${steps} | loss ${e.loss.toFixed(4)}`
      : null;
  }
  if (e.kind === 'flow') return null; // flowEvery is off here: the table shows init and trained
  const r = e.row;
  return `  accuracy ${r.accuracy.toFixed(3)} (at init ${r.accuracyAtInit.toFixed(3)}) | ratio ${r.ratioInit.toExponential(1)} -> ${r.ratioTrained.toExponential(1)} | ${r.seconds.toFixed(1)} s`;
}

export const vanishingLabCommand: TaskCommand = Object.freeze({
  path: Object.freeze(['lab', 'vanishing']),
  usage: 'recurrent lab vanishing [--full] [--out lab-vanishing]',
  summary:
    'why LSTMs replaced simple RNNs: accuracy and gradient flow vs distance k, RNN vs GRU vs LSTM',
  options,
  async run(ctx: TaskCommandContext): Promise<number> {
    const given: OptionValues = Object.fromEntries(
      Object.keys(options).map((k) => [k, ctx.values[k]]),
    );
    const v = resolveOptions('recurrent lab vanishing', options, given);
    const ks = sweepKs(v.ks as string, v.full as boolean);
    const models = sweepModels(v.models as string);
    const steps = v.steps as number;
    ctx.out(
      `lab vanishing | backend ${tf.getBackend()} | k ${ks.join(', ')} | models ${models.map((m) => m.name).join(', ')} | ${steps} steps, batch ${v.batch}, ${v.units} units, adam ${v.learningRate} | seed ${v.seed}`,
    );
    const started = Date.now();
    const sweep = await runVanishingSweep({
      ks,
      models,
      steps,
      batch: v.batch as number,
      units: v.units as number,
      learningRate: v.learningRate as number,
      evalSize: v.evalSize as number,
      seed: v.seed as number,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      onProgress: (e) => {
        const line = progressLine(e, steps);
        if (line !== null) ctx.out(line);
      },
    });
    const seconds = (Date.now() - started) / 1000;
    ctx.out('');
    for (const line of vanishingTables(sweep)) ctx.out(line);
    ctx.out('');
    for (const line of vanishingAsciiPlots(sweep)) ctx.out(line);
    if (sweep.rows.length > 0) {
      const paths = await writeLabFiles(v.out as string, {
        'vanishing.json': `${JSON.stringify({ ...sweep, seconds }, null, 1)}\n`,
        'vanishing.svg': vanishingSvg(sweep),
      });
      ctx.out('');
      ctx.out(`wrote ${paths.join(', ')} | ${seconds.toFixed(0)} s`);
    }
    if (sweep.aborted) {
      ctx.err(
        'recurrent lab vanishing: stopped before the sweep finished; the files hold the finished rows.',
      );
      return 130;
    }
    return 0;
  },
});
