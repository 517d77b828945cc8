/**
 * `recurrent lab defaults`: the defaults study of issue #19. Trains the char-LM's default
 * preset on the embedded Moby Dick at equal steps once per choice that differs from PyTorch
 * (one changed at a time from today's default), then the combination of the winners, and
 * prints a markdown table. Every finished run is written to `<out>/runs/<name>.json` at
 * once, so a rerun (after Ctrl-C, or with other `--configs`) resumes where it stopped and two
 * processes with different `--configs` can share one `--out`.
 *
 *   recurrent lab defaults                      # 10 runs of 1,500 steps (~45 minutes on 2 cores)
 *   recurrent lab defaults --steps 300          # a quick look
 *   recurrent lab defaults --configs today,lr-1e-2
 */

import type { CharLmHyperParameters } from '@recurrent/char-lm';
import { type CharLmData, prepareCharLmData, resolveHyperParameters } from '@recurrent/char-lm';
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
  type DefaultsStudyConfig,
  defaultsStudyBaseline,
  defaultsStudyCombinationName,
  defaultsStudyConfigs,
} from './defaults-study-configs.js';
import { type DefaultsStudyRow, defaultsStudyTable } from './defaults-study-report.js';
import { type DefaultsStudyRunResult, runDefaultsStudyConfig } from './defaults-study-run.js';
import { readLabJson } from './read-lab-json.js';
import { writeLabFiles } from './write-lab-files.js';

const who = 'recurrent lab defaults';
const names = [...defaultsStudyConfigs.map((c) => c.name), defaultsStudyCombinationName];

const options: OptionSpecs = Object.freeze({
  preset: {
    type: 'string',
    default: 'default',
    help: 'the char-LM preset every run starts from (tiny: seconds, for a test)',
  },
  steps: {
    type: 'integer',
    default: 1500,
    min: 1,
    help: 'updates of every run (the same budget for all; the default preset trains 1,500)',
  },
  lossSteps: {
    type: 'string',
    default: '200,500',
    help: 'steps at which the table shows the training loss (mean of the 20 updates before)',
  },
  configs: {
    type: 'string',
    default: names.join(','),
    help: `the runs, comma-separated, from ${names.join(', ')}`,
  },
  out: {
    type: 'path',
    default: 'lab-defaults',
    help: 'folder for runs/<name>.json (resumed from) and defaults.json + defaults.md',
  },
});

interface RecordedRun extends DefaultsStudyRunResult {
  readonly name: string;
  readonly change: string;
  readonly preset: string;
  readonly overrides: Partial<CharLmHyperParameters>;
}

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

function pickConfigs(text: string): string[] {
  const picked = list(text);
  for (const name of picked) {
    if (!names.includes(name)) {
      throw new ConfigError(`${who}: Unknown config "${name}". Available: ${names.join(', ')}.`);
    }
  }
  return picked;
}

function pickLossSteps(text: string): number[] {
  return list(text).map((s) => {
    const step = Number(s);
    if (!(Number.isInteger(step) && step >= 1)) {
      throw new ConfigError(
        `${who}: --loss-steps: expected integers >= 1 such as 200,500, got "${s}".`,
      );
    }
    return step;
  });
}

/** The combination: for each factor, its best run if that beat today's default. */
function combination(recorded: ReadonlyMap<string, RecordedRun>): DefaultsStudyConfig | string[] {
  const waiting = defaultsStudyConfigs.filter((c) => !recorded.has(c.name)).map((c) => c.name);
  if (waiting.length > 0) return waiting;
  const today = recorded.get(defaultsStudyBaseline.name)!.valLoss;
  const winners: DefaultsStudyConfig[] = [];
  for (const factor of new Set(defaultsStudyConfigs.map((c) => c.factor))) {
    if (factor === defaultsStudyBaseline.factor) continue;
    const best = defaultsStudyConfigs
      .filter((c) => c.factor === factor)
      .sort((a, b) => recorded.get(a.name)!.valLoss - recorded.get(b.name)!.valLoss)[0]!;
    if (recorded.get(best.name)!.valLoss < today) winners.push(best);
  }
  return {
    name: defaultsStudyCombinationName,
    change:
      winners.length > 0
        ? `all winners: ${winners.map((w) => w.name).join(' + ')}`
        : 'no choice beat today: the same as today',
    factor: 'all',
    overrides: Object.assign({}, ...winners.map((w) => w.overrides)),
  };
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

export const defaultsLabCommand: TaskCommand = Object.freeze({
  path: Object.freeze(['lab', 'defaults']),
  usage: 'recurrent lab defaults [--steps 1500] [--configs a,b] [--out lab-defaults]',
  summary:
    "which of PyTorch's defaults (init, biases, Adam's epsilon, state resets, learning rate) make the char-LM learn more per step",
  options,
  async run(ctx: TaskCommandContext): Promise<number> {
    const given: OptionValues = Object.fromEntries(
      Object.keys(options).map((k) => [k, ctx.values[k]]),
    );
    const v = resolveOptions(who, options, given);
    const preset = v.preset as string;
    const steps = v.steps as number;
    const lossSteps = pickLossSteps(v.lossSteps as string);
    const picked = pickConfigs(v.configs as string);
    const out = v.out as string;
    const base = resolveHyperParameters(preset); // an unknown preset fails here, before any run
    const runFile = (name: string) => `${out}/runs/${name}.json`;

    const recorded = new Map<string, RecordedRun>();
    const readAll = async () => {
      for (const name of names) {
        const run = (await readLabJson(runFile(name))) as RecordedRun | null;
        if (run === null) continue;
        if (run.preset !== preset || run.steps !== steps) {
          throw new ConfigError(
            `${who}: ${runFile(name)} was recorded with --preset ${run.preset} --steps ${run.steps}, and this run asks for --preset ${preset} --steps ${steps}. Pass another --out, or delete the folder to start over.`,
          );
        }
        recorded.set(name, run);
      }
    };
    await readAll();
    ctx.out(
      `lab defaults | backend ${tf.getBackend()} | preset ${preset} (${base.cell} ${base.layers}x${base.units}, seed ${base.seed}) | ${steps} steps per run | ${picked.length} runs, ${picked.filter((n) => recorded.has(n)).length} already in ${out}/runs`,
    );
    let data: CharLmData | null = null;
    let aborted = false;
    for (const [index, name] of picked.entries()) {
      if (recorded.has(name)) {
        const r = recorded.get(name)!;
        ctx.out(
          `[${index + 1}/${picked.length}] ${name}: recorded, held-out ${r.valLoss.toFixed(4)}`,
        );
        continue;
      }
      let config = defaultsStudyConfigs.find((c) => c.name === name);
      if (!config) {
        await readAll(); // another process may have finished the runs the combination needs
        const combined = combination(recorded);
        if (Array.isArray(combined)) {
          ctx.out(
            `[${index + 1}/${picked.length}] ${name}: waits for ${combined.join(', ')}; rerun when they are recorded`,
          );
          continue;
        }
        config = combined;
      }
      data ??= await prepareCharLmData('moby-dick', {
        validationFraction: base.validationFraction,
      });
      ctx.out(
        `[${index + 1}/${picked.length}] ${name}: ${config.change} | training ${steps} steps`,
      );
      const every = Math.max(1, Math.round(steps / 10));
      const result = await runDefaultsStudyConfig(data, {
        preset,
        overrides: config.overrides,
        steps,
        lossSteps,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
        onProgress: (e) => {
          if (e.kind === 'step' && e.step % every === 0 && e.step < steps) {
            ctx.out(
              `  step ${e.step}/${steps} | loss ${e.loss.toFixed(4)} | ${Math.round(e.tokensPerSecond ?? 0).toLocaleString('en-US')} tok/s | eta ${duration(e.etaMs)}`,
            );
          }
        },
      });
      if (result.aborted) {
        aborted = true;
        break;
      }
      const run: RecordedRun = {
        name,
        change: config.change,
        preset,
        overrides: config.overrides,
        ...result,
      };
      await writeLabFiles(`${out}/runs`, { [`${name}.json`]: `${JSON.stringify(run, null, 1)}\n` });
      recorded.set(name, run);
      const losses = lossSteps
        .filter((s) => result.trainLoss[String(s)] !== undefined)
        .map((s) => `@${s} ${result.trainLoss[String(s)]!.toFixed(4)}`);
      ctx.out(
        `  held-out ${result.valLoss.toFixed(4)} nats/char | train loss ${losses.join(', ') || '-'} | ${duration(result.seconds * 1000)}`,
      );
    }

    await readAll();
    const rows: DefaultsStudyRow[] = names
      .filter((name) => recorded.has(name))
      .map((name) => ({ name, change: recorded.get(name)!.change, result: recorded.get(name)! }));
    const table = defaultsStudyTable(rows, defaultsStudyBaseline.name, lossSteps, steps);
    ctx.out('');
    for (const line of table) ctx.out(line);
    const paths = await writeLabFiles(out, {
      'defaults.json': `${JSON.stringify({ preset, steps, lossSteps, backend: tf.getBackend(), runs: rows.map((r) => recorded.get(r.name)) }, null, 1)}\n`,
      'defaults.md': `${table.join('\n')}\n`,
    });
    ctx.out('');
    ctx.out(`wrote ${paths.join(', ')}`);
    if (aborted) {
      ctx.err(
        `${who}: stopped; the finished runs are in ${out}/runs and a rerun continues from them.`,
      );
      return 130;
    }
    return 0;
  },
});
