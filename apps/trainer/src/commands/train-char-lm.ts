/**
 * `recurrent train char-lm`: trains a character-level language model on Moby Dick (embedded)
 * or any UTF-8 text file, printing the resolved config and backend first, live progress,
 * validation with a short sample, and checkpoints under runs/<name>/ (best and latest) with
 * a JSONL log of every event. Ctrl-C saves `latest` and exits cleanly; --resume continues.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type CharLmHyperParameters,
  charLmDefaults,
  createCharLm,
  evaluateCharLm,
  prepareCharLmData,
  resolveHyperParameters,
  trainCharLm,
} from '@recurrent/char-lm';
import { fileSource } from '@recurrent/data/node';
import { ConfigError } from '@recurrent/errors';
import { camel, type FlagSpec, type FlagValues } from '../flags.js';
import { formatDuration } from '../format-duration.js';
import type { Io } from '../io.js';
import { jsonlLog } from '../jsonl-log.js';
import { progressPrinter } from '../progress-printer.js';

const hyperFlagHelp: Record<keyof CharLmHyperParameters, string> = {
  cell: 'recurrent cell',
  layers: 'stacked recurrent layers',
  units: 'units per layer',
  embeddingDim: 'character embedding width',
  dropout: 'dropout between layers and before the head',
  timeSteps: 'characters per window (truncated BPTT length)',
  batchSize: 'parallel lanes through the text',
  learningRate: 'peak Adam learning rate (warmup, then cosine decay)',
  steps: 'optimizer updates',
  warmupSteps: 'learning-rate warmup steps',
  clipNorm: 'clip gradients to this global norm',
  validationFraction: 'held-out tail of the text, never trained on',
  stateResetProbability:
    'chance a lane restarts a window from the zero state (generation starts there)',
  seed: 'seed for weights, data order and dropout',
};

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export const trainCharLmFlags: readonly FlagSpec[] = [
  {
    name: 'preset',
    type: 'string',
    default: 'default',
    choices: ['default', 'large', 'tiny'],
    help: 'hyper-parameter preset (flags below override it)',
  },
  ...(Object.keys(hyperFlagHelp) as (keyof CharLmHyperParameters)[]).map(
    (key): FlagSpec => ({
      name: kebab(key),
      type:
        key === 'cell'
          ? 'string'
          : Number.isInteger(charLmDefaults[key]) && key !== 'dropout'
            ? 'integer'
            : 'number',
      help: `${hyperFlagHelp[key]}; preset default ${charLmDefaults[key]}`,
      ...(key === 'cell' ? { choices: ['lstm', 'gru', 'rnn'] } : {}),
    }),
  ),
  {
    name: 'corpus',
    type: 'string',
    help: 'a UTF-8 text file to train on (default: Moby Dick, embedded)',
  },
  {
    name: 'name',
    type: 'string',
    help: 'run name: checkpoints and log go to <runs-dir>/<name>/ (default char-lm, or char-lm-2, -3, ... when taken)',
  },
  { name: 'runs-dir', type: 'string', default: 'runs', help: 'folder of runs' },
  { name: 'resume', type: 'boolean', help: 'continue the run <name> from its latest checkpoint' },
  {
    name: 'eval-every',
    type: 'integer',
    default: 100,
    help: 'validate (and print a sample) every N steps',
  },
  { name: 'checkpoint-every', type: 'integer', default: 100, help: 'write latest/ every N steps' },
  {
    name: 'log-every',
    type: 'integer',
    default: 10,
    help: 'progress line every N steps when output is not a terminal',
  },
  {
    name: 'sample-length',
    type: 'integer',
    default: 200,
    help: 'characters of the sample printed at each validation and at the end',
  },
];

function hyperOverrides(values: FlagValues): Partial<CharLmHyperParameters> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(hyperFlagHelp))
    if (values[key] !== undefined) out[key] = values[key];
  return out as Partial<CharLmHyperParameters>;
}

/** On --resume, the run's saved hyper-parameters win; a conflicting flag is an error (steps may grow). */
function resumedHyperParameters(
  runDir: string,
  overrides: Partial<CharLmHyperParameters>,
): Partial<CharLmHyperParameters> | undefined {
  const file = path.join(runDir, 'latest', 'config.json');
  if (!existsSync(file)) return undefined;
  const saved = (
    JSON.parse(readFileSync(file, 'utf8')) as { hyperParameters: CharLmHyperParameters }
  ).hyperParameters;
  for (const [key, value] of Object.entries(overrides)) {
    if (key !== 'steps' && saved[key as keyof CharLmHyperParameters] !== value) {
      throw new ConfigError(
        `--resume: run "${path.basename(runDir)}" was trained with ${kebab(key)} ${saved[key as keyof CharLmHyperParameters]}, not ${value}. Drop --${kebab(key)} to resume, or start a new run with another --name.`,
      );
    }
  }
  return { ...saved, ...(overrides.steps !== undefined ? { steps: overrides.steps } : {}) };
}

/** The default run name: char-lm, then char-lm-2, char-lm-3, ... so a second `pnpm train` never clobbers the first. */
function freshRunName(runsDir: string): string {
  for (let n = 1; ; n++) {
    const name = n === 1 ? 'char-lm' : `char-lm-${n}`;
    if (!existsSync(path.join(runsDir, name))) return name;
  }
}

export async function trainCharLmCommand(
  values: FlagValues,
  io: Io,
  backendLine: string,
): Promise<number> {
  if (values.name === undefined) {
    if (values.resume) {
      throw new ConfigError(
        '--resume needs the --name of the run to continue, e.g. --name char-lm.',
      );
    }
    values.name = freshRunName(String(values.runsDir));
  }
  const runDir = path.resolve(String(values.runsDir), String(values.name));
  const overrides = hyperOverrides(values);
  const resumed = values.resume ? resumedHyperParameters(runDir, overrides) : undefined;
  const hp = resumed
    ? resolveHyperParameters('default', resumed)
    : resolveHyperParameters(String(values.preset), overrides);
  if (!values.resume && existsSync(path.join(runDir, 'latest'))) {
    throw new ConfigError(
      `Run "${values.name}" already has a checkpoint in ${runDir}. Pass --resume to continue it, or another --name to start fresh.`,
    );
  }
  const corpus = values.corpus ? String(values.corpus) : undefined;
  const data = await prepareCharLmData(corpus ? fileSource(corpus) : 'moby-dick', {
    validationFraction: hp.validationFraction,
  });

  io.out(`recurrent train char-lm | backend ${backendLine}`);
  io.out(
    `data: ${data.report.source} | ${data.report.characters.toLocaleString('en-US')} characters | vocabulary ${data.report.vocabSize} | train ${data.report.train.toLocaleString('en-US')} | validation ${data.report.validation.toLocaleString('en-US')} (held-out tail)`,
  );
  io.out(
    `config: ${Object.entries(hp)
      .map(([k, v]) => `${kebab(k)}=${v}`)
      .join(' ')}${resumed ? ' (from the run being resumed)' : ''}`,
  );
  io.out(`run: ${runDir}`);

  const model = createCharLm({ vocabulary: data.vocabulary, hyperParameters: hp });
  const log = jsonlLog(path.join(runDir, 'log.jsonl'));
  log({
    kind: 'start',
    hyperParameters: hp,
    data: data.report,
    backend: backendLine,
    resume: Boolean(values.resume),
  });
  const printer = progressPrinter(io, { logEvery: Number(values.logEvery) });
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    printer.line(
      'interrupted: finishing this step and saving latest/ (Ctrl-C again to quit at once)',
    );
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  const sampleLength = Number(values.sampleLength);
  let sample: { step: number; prime: string; text: string } | null = null;
  const printSample = (s: { step: number; prime: string; text: string }) =>
    printer.line(
      `sample at step ${s.step} (temperature 0.8):\n  ${`${s.prime}${s.text}`.trim().replace(/\n/g, '\n  ')}`,
    );
  try {
    const result = await trainCharLm(model, data, {
      checkpointDir: runDir,
      resume: Boolean(values.resume),
      evalEvery: Number(values.evalEvery),
      checkpointEvery: Number(values.checkpointEvery),
      signal: controller.signal,
      extraConfig: { corpus: data.report.source },
      ...(sampleLength > 0
        ? {
            sample: { length: sampleLength, temperature: 0.8 },
            onSample: (s: { step: number; prime: string; text: string }) => {
              sample = s;
              log({ kind: 'sample', ...s });
            },
          }
        : {}),
      onProgress: (event) => {
        log(event);
        printer(event);
        if (event.kind === 'eval' && sample?.step === event.step) printSample(sample);
      },
    });
    const final = result.lastMetrics ?? (await evaluateCharLm(model, data.validation));
    const valLoss = Number((final as Record<string, number>).valLoss);
    io.out(
      `final: validation loss ${valLoss.toFixed(4)} nats/char (${(valLoss / Math.LN2).toFixed(4)} bits/char) at step ${result.step} in ${formatDuration(result.elapsedMs)}; best ${result.best ? `${result.best.value.toFixed(4)} at step ${result.best.step}` : 'n/a'}`,
    );
    io.out(
      `checkpoints: ${path.join(runDir, 'best')} and ${path.join(runDir, 'latest')}; log: ${path.join(runDir, 'log.jsonl')}`,
    );
    if (result.reason === 'aborted')
      io.out(
        `stopped early; continue with: recurrent train char-lm --name ${values.name} --resume`,
      );
    log({ kind: 'final', valLoss, step: result.step, reason: result.reason });
    return result.reason === 'aborted' ? 130 : 0;
  } finally {
    process.off('SIGINT', onSigint);
    model.dispose();
  }
}

export const trainCharLmHelpKeys = Object.keys(hyperFlagHelp).map(camel);
