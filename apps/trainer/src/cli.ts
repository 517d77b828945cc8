/**
 * The `recurrent` command line: parses flags, picks the backend, dispatches to a command,
 * and turns every error into one clear message and an exit code (only bin.ts exits).
 * Tasks come from the registry (task-registry.ts); nothing here names one.
 */
import { type BackendName, selectBackend } from '@recurrent/backends';
import { RecurrentError } from '@recurrent/errors';
import type { AnyTask, TaskCommand } from '@recurrent/task';
import { doctor } from './commands/doctor.js';
import { evalCommand, evalFlags } from './commands/eval.js';
import { exportCommand, exportFlags } from './commands/export.js';
import { importCommand, importFlags } from './commands/import.js';
import { predictCommand, predictFlags } from './commands/predict.js';
import { sampleCommand, sampleFlags } from './commands/sample.js';
import { tasksCommand } from './commands/tasks.js';
import { trainCommand, trainFlags } from './commands/train.js';
import { type FlagSpec, formatFlags, optionFlags, parseFlags } from './flags.js';
import { globalFlags } from './global-flags.js';
import type { Io } from './io.js';
import { nodeTaskFiles } from './node-task-files.js';
import { extraCommands, tasks } from './task-registry.js';
import { UsageError } from './usage-error.js';

interface Command {
  readonly usage: string;
  readonly summary: string;
  readonly flags: readonly FlagSpec[];
}

const taskList = tasks.names.join(', ');
const generating = tasks.tasks.filter((t) => t.generate).map((t) => t.name);
const predicting = tasks.tasks.filter((t) => t.predict).map((t) => t.name);

const COMMANDS: Record<string, Command> = {
  tasks: {
    usage: 'recurrent tasks [--json]',
    summary: 'list the tasks that can be trained',
    flags: [],
  },
  train: {
    usage: 'recurrent train <task> [flags]',
    summary: `train a model (tasks: ${taskList})`,
    flags: [],
  },
  ...(generating.length
    ? {
        sample: {
          usage: 'recurrent sample <run> [flags]',
          summary: `generate from a trained model (${generating.join(', ')})`,
          flags: sampleFlags,
        },
      }
    : {}),
  ...(predicting.length
    ? {
        predict: {
          usage: 'recurrent predict <run> ["text" ...] [flags]',
          summary: `predict with a trained model (${predicting.join(', ')}); lines on stdin without text`,
          flags: predictFlags,
        },
      }
    : {}),
  eval: {
    usage: 'recurrent eval <run> [flags]',
    summary: "a trained model's metrics on held-out or given data",
    flags: evalFlags,
  },
  export: {
    usage: 'recurrent export <run> --to <dir> [--format pytorch]',
    summary: 'write a checkpoint where the web demo loads it, or with PyTorch names',
    flags: exportFlags,
  },
  import: {
    usage: 'recurrent import <dir> --to runs/<name>',
    summary: 'bring a PyTorch export (trained in python/recurrent_torch) back as a run',
    flags: importFlags,
  },
  doctor: {
    usage: 'recurrent doctor [--json]',
    summary: "which tensor backends this machine offers and why the others can't run",
    flags: [],
  },
};

/** Commands tasks add (`data fetch`), by their first word. */
const taskCommands: readonly TaskCommand[] = [
  ...tasks.tasks.flatMap((t) => t.commands ?? []),
  ...extraCommands,
];
for (const c of taskCommands) {
  const head = c.path[0]!;
  if (COMMANDS[head]) continue; // a built-in, or the group already listed
  const group = taskCommands.filter((g) => g.path[0] === head);
  // One command shows its own summary; a group (`lab vanishing`, `lab units`) names its members.
  const summary =
    group.length === 1
      ? c.summary
      : `${group.map((g) => g.path.join(' ')).join(', ')} (\`recurrent ${head} --help\` says what each does)`;
  COMMANDS[head] = { usage: c.usage, summary, flags: [] };
}

export const HELP = `recurrent: train, sample, evaluate and export RNN models on TensorFlow.js

Usage: recurrent <command> [flags]        (recurrent <command> --help for its flags)

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(8)}${c.summary}`)
  .join('\n')}

Global flags:
${formatFlags(globalFlags)}`;

function commandHelp(flags: readonly FlagSpec[], usage: string, summary: string) {
  return `Usage: ${usage}\n\n${summary}\n${flags.length ? `\nFlags:\n${formatFlags(flags)}\n` : ''}\nGlobal flags:\n${formatFlags(globalFlags)}`;
}

function trainHelp(): string {
  const width = Math.max(...tasks.names.map((n) => n.length)) + 4;
  return `Usage: recurrent train <task> [flags]        (recurrent train <task> --help for its flags)

Tasks:
${tasks.tasks.map((t) => `  ${t.name.padEnd(width)}${t.summary}`).join('\n')}

Example: recurrent train ${tasks.names[0]} --preset tiny

Global flags:
${formatFlags(globalFlags)}`;
}

async function activateBackend(requested: BackendName | 'auto', io: Io): Promise<string> {
  const selection = await selectBackend(requested, { allowFallback: true });
  if (requested !== 'auto' && selection.name !== requested) {
    const reason = selection.report.find((r) => r.name === requested)?.reason;
    io.err(`warning: backend ${requested} is not available (${reason}); using ${selection.name}.`);
  }
  return `${selection.name}${selection.detail ? ` (${selection.detail})` : ''}`;
}

/** The task named after `train`, or null for `recurrent train` / `recurrent train --help`. */
function trainTask(argv: readonly string[]): AnyTask | null {
  const words = argv.filter((a) => !a.startsWith('-'));
  const name = words[1];
  if (name === undefined) return null;
  if (!tasks.has(name)) {
    throw new UsageError(
      `recurrent train: Unknown task ${JSON.stringify(name)}. Available: ${taskList}. Example: recurrent train ${tasks.names[0]} --preset tiny`,
    );
  }
  return tasks.get(name);
}

/** The task command whose path the positionals start with (longest first). */
function findTaskCommand(words: readonly string[]): TaskCommand | undefined {
  return [...taskCommands]
    .sort((a, b) => b.path.length - a.path.length)
    .find((c) => c.path.every((w, i) => words[i] === w));
}

export interface CliOptions {
  /** Aborted on Ctrl-C or SIGTERM (bin.ts); training saves and stops. */
  readonly signal?: AbortSignal;
  /** Lines of stdin for `predict` without text arguments. */
  readonly readStdin?: () => Promise<string[]>;
}

export async function runCli(
  argv: readonly string[],
  io: Io,
  options: CliOptions = {},
): Promise<number> {
  try {
    const words = argv.filter((a) => !a.startsWith('-'));
    const commandName = words[0];
    const command = commandName ? COMMANDS[commandName] : undefined;
    if (commandName && !command) {
      throw new UsageError(
        `Unknown command "${commandName}". Available: ${Object.keys(COMMANDS).join(', ')}. Run \`recurrent --help\`.`,
      );
    }
    const task = commandName === 'train' ? trainTask(argv) : null;
    const taskCommand =
      command && !COMMANDS_BUILT_IN.has(commandName!) ? findTaskCommand(words) : undefined;
    if (command && !COMMANDS_BUILT_IN.has(commandName!) && !taskCommand) {
      const group = taskCommands.filter((c) => c.path[0] === commandName);
      const known = group.map((c) => c.path.join(' '));
      if (argv.includes('--help') || argv.includes('-h')) {
        io.out(group.map((c) => `Usage: ${c.usage}\n  ${c.summary}`).join('\n\n'));
        io.out(`\n\`recurrent ${known[0]} --help\` lists its flags.`);
        return 0;
      }
      throw new UsageError(
        `recurrent ${commandName}: expected one of: ${known.map((k) => `recurrent ${k}`).join(', ')}.`,
      );
    }
    const flags = task
      ? trainFlags(task)
      : taskCommand
        ? optionFlags(taskCommand.options)
        : (command?.flags ?? []);
    const { values, positionals, given } = parseFlags([...globalFlags, ...flags], argv);
    if (!commandName || !command) {
      io.out(HELP);
      return values.help ? 0 : 2;
    }
    if (values.help) {
      if (commandName === 'train' && !task) io.out(trainHelp());
      else if (task)
        io.out(commandHelp(flags, `recurrent train ${task.name} [flags]`, task.summary));
      else if (taskCommand) io.out(commandHelp(flags, taskCommand.usage, taskCommand.summary));
      else io.out(commandHelp(flags, command.usage, command.summary));
      return 0;
    }
    const backend = values.backend as BackendName | 'auto';
    const [, target, ...rest] = positionals;
    switch (commandName) {
      case 'import':
        await activateBackend(backend, io); // the mapping uses tensors
        return await importCommand(target, values, io);
      case 'doctor':
        return await doctor({ backend, json: Boolean(values.json) }, io);
      case 'tasks':
        return tasksCommand(io, Boolean(values.json));
      case 'train': {
        if (!task) {
          io.out(trainHelp());
          return 2;
        }
        if (rest.length > 0) {
          throw new UsageError(
            `recurrent train ${task.name}: unexpected argument ${JSON.stringify(rest[0])}. Flags start with --; run \`recurrent train ${task.name} --help\`.`,
          );
        }
        const backendLine = await activateBackend(backend, io);
        return await trainCommand(task, values, io, {
          files: nodeTaskFiles,
          backendLine,
          ...(options.signal ? { signal: options.signal } : {}),
        });
      }
      case 'sample':
        await activateBackend(backend, io);
        return await sampleCommand(target, values, given, io, options.signal);
      case 'predict':
        await activateBackend(backend, io);
        return await predictCommand(target, rest, values, given, io, options.readStdin);
      case 'eval':
        await activateBackend(backend, io);
        return await evalCommand(target, values, given, io);
      case 'export':
        if (values.format === 'pytorch') await activateBackend(backend, io); // the mapping uses tensors
        return await exportCommand(target, values, io);
      default: {
        const c = taskCommand!;
        await activateBackend(backend, io);
        return await c.run({
          positionals: positionals.slice(c.path.length),
          values,
          files: nodeTaskFiles,
          out: (line) => io.out(line),
          err: (line) => io.err(line),
          ...(options.signal ? { signal: options.signal } : {}),
        });
      }
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}`);
      io.err('Run `recurrent --help` for usage.');
      return 2;
    }
    if (error instanceof RecurrentError) {
      io.err(`error: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

const COMMANDS_BUILT_IN = new Set([
  'tasks',
  'train',
  'sample',
  'predict',
  'eval',
  'export',
  'import',
  'doctor',
]);
