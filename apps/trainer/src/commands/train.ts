/**
 * `recurrent train <task>`: trains any registered task. Prints the backend, what data
 * preparation did and the resolved config first; then live progress, evaluations and the
 * task's notes (samples); checkpoints under <runs-dir>/<name>/ (best and latest) with a JSONL
 * log of every event. An abort (Ctrl-C, SIGTERM) finishes the step, saves `latest/` and
 * returns 130 (143 for SIGTERM); --resume continues.
 */
import { existsSync, rmdirSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '@recurrent/errors';
import { type AnyTask, kebabCase, type OptionValues, type TaskFiles } from '@recurrent/task';
import type { TrainProgress } from '@recurrent/train';
import { builtModuleUrl } from '@recurrent/train';
import { lockRunFolder } from '@recurrent/train/node';
import * as tf from '@tensorflow/tfjs-core';
import { type FlagSpec, type FlagValues, optionFlags } from '../flags.js';
import { formatDuration } from '../format-duration.js';
import type { Io } from '../io.js';
import { jsonlLog } from '../jsonl-log.js';
import { progressPrinter } from '../progress-printer.js';
import { checkRunName, freshRunName, readRunConfig } from '../run-folder.js';
import { tasks } from '../task-registry.js';
import { UsageError } from '../usage-error.js';

/** The registry's tasks that train data-parallel (`task.dataParallel`), in registration order. */
export function dataParallelTaskNames(registry: readonly AnyTask[] = tasks.tasks): string[] {
  return registry.filter((t) => t.dataParallel).map((t) => t.name);
}

/** `char-lm`, `char-lm and sentiment`, `char-lm, sentiment and clinical`. */
function listNames(names: readonly string[]): string {
  if (names.length < 2) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** Flags of the trainer itself, after the task's hyper-parameters and data options. */
export const runFlags: readonly FlagSpec[] = [
  {
    name: 'name',
    type: 'string',
    help: 'run name: checkpoints and log go to <runs-dir>/<name>/ (default <task>, or <task>-2, -3, ... when taken)',
  },
  { name: 'runs-dir', type: 'path', default: 'runs', help: 'folder of runs' },
  { name: 'resume', type: 'boolean', help: 'continue the run <name> from its latest checkpoint' },
  {
    name: 'eval-every',
    type: 'integer',
    default: 100,
    min: 1,
    max: 100_000_000,
    help: "evaluate on the validation data (and print the task's notes, such as a sample) every N steps",
  },
  {
    name: 'checkpoint-every',
    type: 'integer',
    default: 100,
    min: 1,
    max: 100_000_000,
    help: 'write latest/ every N steps',
  },
  {
    name: 'log-every',
    type: 'integer',
    default: 10,
    min: 1,
    max: 100_000_000,
    help: 'progress line every N steps when output is not a terminal',
  },
  {
    name: 'workers',
    type: 'integer',
    default: 1,
    min: 1,
    max: 64,
    help: `data-parallel worker threads, each on its own wasm backend with a shard of every batch (tasks with data-parallel training: ${dataParallelTaskNames().join(', ') || 'none yet'})`,
  },
];

/** Tasks without data-parallel training refuse --workers > 1 by name, before anything runs. */
export function checkWorkers(
  task: AnyTask,
  workers: number,
  registry: readonly AnyTask[] = tasks.tasks,
): void {
  if (workers > 1 && !task.dataParallel) {
    const names = dataParallelTaskNames(registry);
    throw new ConfigError(
      `recurrent train ${task.name}: --workers ${workers} needs data-parallel training, which the ${task.name} task does not have yet (${names.length > 0 ? `${listNames(names)} ${names.length === 1 ? 'has' : 'have'} it` : 'no task has it yet'}). Train ${task.name} with --workers 1 (the default).`,
    );
  }
}

/** The workers run wasm (one thread each in Node), or cpu when the run is on cpu. */
function workerSetup() {
  return {
    module: builtModuleUrl('../worker-backend.js', import.meta.url),
    options: { backend: tf.getBackend() === 'cpu' ? 'cpu' : 'wasm' },
  };
}

/** Every flag of `recurrent train <task>`, generated from the task's definition. */
export function trainFlags(task: AnyTask): FlagSpec[] {
  const defaults = task.defaults as Record<string, unknown>;
  return [
    {
      name: 'preset',
      type: 'string',
      default: 'default',
      choices: Object.keys(task.presets),
      help: 'hyper-parameter preset (flags below override it)',
    },
    ...optionFlags(task.hyperParameters, {
      withDefault: false,
      help: (help, name) => `${help}; preset default ${defaults[name]}`,
    }),
    ...optionFlags(task.dataOptions),
    ...runFlags,
    ...optionFlags(task.trainOptions),
  ];
}

const pick = (values: FlagValues, keys: readonly string[]): OptionValues =>
  Object.fromEntries(keys.filter((k) => values[k] !== undefined).map((k) => [k, values[k]]));

/** On --resume, the run's saved hyper-parameters win; a conflicting flag is an error (steps may grow). */
function resumedHyperParameters(
  task: AnyTask,
  runName: string,
  saved: Record<string, unknown>,
  overrides: OptionValues,
): object {
  for (const [key, value] of Object.entries(overrides)) {
    if (key !== 'steps' && saved[key] !== value) {
      throw new ConfigError(
        `--resume: run "${runName}" was trained with ${kebabCase(key)} ${saved[key]}, not ${value}. Drop --${kebabCase(key)} to resume, or start a new run with another --name.`,
      );
    }
  }
  return task.resolveHyperParameters('default', {
    ...saved,
    ...(overrides.steps !== undefined ? { steps: overrides.steps } : {}),
  });
}

export interface TrainCommandContext {
  readonly files: TaskFiles;
  readonly backendLine: string;
  /** Aborted on Ctrl-C or SIGTERM (its reason says which). */
  readonly signal?: AbortSignal;
}

export async function trainCommand(
  task: AnyTask,
  values: FlagValues,
  io: Io,
  context: TrainCommandContext,
): Promise<number> {
  const runsDir = String(values.runsDir);
  const resume = Boolean(values.resume);
  checkWorkers(task, Number(values.workers));
  if (values.name === undefined && resume) {
    throw new UsageError(
      `--resume needs the --name of the run to continue, e.g. --name ${task.name}.`,
    );
  }
  const name =
    values.name === undefined
      ? freshRunName(runsDir, task.name)
      : checkRunName(String(values.name));
  const runDir = path.resolve(runsDir, name);
  const overrides = pick(values, Object.keys(task.hyperParameters));
  const saved = resume ? readRunConfig(runDir) : null;
  if (saved && saved.config.task !== task.name) {
    throw new ConfigError(
      `--resume: run "${name}" is a ${JSON.stringify(saved.config.task)} run, not ${task.name}. Resume it with \`recurrent train ${String(saved.config.task)} --name ${name} --resume\`.`,
    );
  }
  const savedHyper = saved?.config.hyperParameters;
  const hp =
    savedHyper && typeof savedHyper === 'object' && !Array.isArray(savedHyper)
      ? resumedHyperParameters(task, name, savedHyper, overrides)
      : task.resolveHyperParameters(String(values.preset), overrides);
  if (!resume && ['latest', 'latest.prev'].some((s) => existsSync(path.join(runDir, s)))) {
    throw new ConfigError(
      `Run "${name}" already has a checkpoint in ${runDir}. Pass --resume to continue it, or another --name to start fresh.`,
    );
  }
  // One process per run folder: a second run of the same name is refused while this one lives.
  const created = !existsSync(runDir);
  const lock = await lockRunFolder(runDir);
  try {
    return await trainLocked(task, values, io, context, { name, runDir, hp, saved, resume });
  } finally {
    lock.release();
    if (created) rmdirIfEmpty(runDir); // a run that failed before writing anything leaves no folder
  }
}

function rmdirIfEmpty(dir: string): void {
  try {
    rmdirSync(dir); // fails (and keeps the folder) unless it is empty
  } catch {}
}

interface ResolvedRun {
  readonly name: string;
  readonly runDir: string;
  readonly hp: object;
  readonly saved: ReturnType<typeof readRunConfig>;
  readonly resume: boolean;
}

async function trainLocked(
  task: AnyTask,
  values: FlagValues,
  io: Io,
  context: TrainCommandContext,
  { name, runDir, hp, saved, resume }: ResolvedRun,
): Promise<number> {
  const data = await task.prepareData(pick(values, Object.keys(task.dataOptions)), hp, {
    files: context.files,
    onLog: (line) => io.err(line), // slow preparation (encoding images) reports as it goes
    ...(saved ? { resumeConfig: saved.config } : {}),
  });

  io.out(`recurrent train ${task.name} | backend ${context.backendLine}`);
  for (const line of task.describeData(data)) io.out(line);
  io.out(
    `config: ${Object.entries(hp)
      .map(([k, v]) => `${kebabCase(k)}=${v}`)
      .join(' ')}${saved ? ' (from the run being resumed)' : ''}`,
  );
  io.out(`run: ${runDir}`);
  const workers = Number(values.workers);
  const setup = workers > 1 ? workerSetup() : null;
  if (setup && task.dataParallel) {
    io.out(
      `workers: ${workers} threads on ${setup.options.backend}, shards: ${task.dataParallel.shards}`,
    );
  }

  const model = task.create(data, hp);
  const log = jsonlLog(path.join(runDir, 'log.jsonl'));
  const provenance = task.dataProvenance(data);
  log({
    kind: 'start',
    task: task.name,
    hyperParameters: hp,
    data: provenance,
    backend: context.backendLine,
    workers,
    resume,
  });
  const printer = progressPrinter(io, { logEvery: Number(values.logEvery) });
  const onAbort = () =>
    printer.line(
      'interrupted: finishing this step and saving latest/ (Ctrl-C again to quit at once)',
    );
  context.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const result = await task.train(model, data, {
      checkpointDir: runDir,
      resume,
      evalEvery: Number(values.evalEvery),
      checkpointEvery: Number(values.checkpointEvery),
      extraConfig: provenance,
      options: pick(values, Object.keys(task.trainOptions)),
      ...(setup ? { workers, workerSetup: setup } : {}),
      ...(context.signal ? { signal: context.signal } : {}),
      onProgress: (event: TrainProgress) => {
        log(event);
        printer(event);
      },
      onNote: (note) => {
        log({ kind: 'note', ...note });
        printer.line(`${note.title}:\n  ${note.text.replace(/\n/g, '\n  ')}`);
      },
    });
    const final = result.lastMetrics ?? (await task.evaluate(model, data));
    io.out(
      `final: ${task.summarizeMetrics(final)} at step ${result.step} in ${formatDuration(result.elapsedMs)}; best ${result.best ? `${result.best.value.toFixed(4)} at step ${result.best.step}` : 'n/a'}`,
    );
    const written = ['best', 'latest']
      .map((slot) => path.join(runDir, slot))
      .filter((dir) => existsSync(path.join(dir, 'config.json')));
    io.out(
      `checkpoints: ${written.join(' and ') || 'none yet'}; log: ${path.join(runDir, 'log.jsonl')}`,
    );
    if (result.reason === 'aborted') {
      io.out(`stopped early; continue with: recurrent train ${task.name} --name ${name} --resume`);
    }
    log({ kind: 'final', ...final, step: result.step, reason: result.reason });
    if (result.reason !== 'aborted') return 0;
    return context.signal?.reason === 'SIGTERM' ? 143 : 130;
  } finally {
    context.signal?.removeEventListener('abort', onAbort);
    model.dispose();
  }
}
