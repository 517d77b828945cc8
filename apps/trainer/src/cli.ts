/**
 * The `recurrent` command line: parses flags, picks the backend, dispatches to a command,
 * and turns every error into one clear message and an exit code (only bin.ts exits).
 */
import { type BackendName, selectBackend } from '@recurrent/backends';
import { RecurrentError } from '@recurrent/errors';
import { doctor } from './commands/doctor.js';
import { evalCommand, evalFlags } from './commands/eval.js';
import { exportCommand, exportFlags } from './commands/export.js';
import { sampleCommand, sampleFlags } from './commands/sample.js';
import { trainCharLmCommand, trainCharLmFlags } from './commands/train-char-lm.js';
import { type FlagSpec, formatFlags, parseFlags } from './flags.js';
import { globalFlags } from './global-flags.js';
import type { Io } from './io.js';
import { UsageError } from './usage-error.js';

interface Command {
  readonly usage: string;
  readonly summary: string;
  readonly flags: readonly FlagSpec[];
}

const COMMANDS: Record<string, Command> = {
  train: {
    usage: 'recurrent train char-lm [flags]',
    summary: 'train a model (tasks: char-lm)',
    flags: trainCharLmFlags,
  },
  sample: {
    usage: 'recurrent sample <run> [flags]',
    summary: 'generate text from a trained char-LM',
    flags: sampleFlags,
  },
  eval: {
    usage: 'recurrent eval <run> [--text file.txt]',
    summary: 'bits per character of a trained char-LM on a text',
    flags: evalFlags,
  },
  export: {
    usage: 'recurrent export <run> --to <dir>',
    summary: 'write a checkpoint where the web demo loads it',
    flags: exportFlags,
  },
  doctor: {
    usage: 'recurrent doctor [--json]',
    summary: "which tensor backends this machine offers and why the others can't run",
    flags: [],
  },
};

export const HELP = `recurrent: train, sample, evaluate and export RNN models on TensorFlow.js

Usage: recurrent <command> [flags]        (recurrent <command> --help for its flags)

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(8)}${c.summary}`)
  .join('\n')}

Global flags:
${formatFlags(globalFlags)}`;

function commandHelp(name: string): string {
  const c = COMMANDS[name]!;
  return `Usage: ${c.usage}\n\n${c.summary}\n${c.flags.length ? `\nFlags:\n${formatFlags(c.flags)}\n` : ''}\nGlobal flags:\n${formatFlags(globalFlags)}`;
}

async function activateBackend(requested: BackendName | 'auto', io: Io): Promise<string> {
  const selection = await selectBackend(requested, { allowFallback: true });
  if (requested !== 'auto' && selection.name !== requested) {
    const reason = selection.report.find((r) => r.name === requested)?.reason;
    io.err(`warning: backend ${requested} is not available (${reason}); using ${selection.name}.`);
  }
  return `${selection.name}${selection.detail ? ` (${selection.detail})` : ''}`;
}

export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  try {
    const commandName = argv.find((a) => !a.startsWith('-'));
    const command = commandName ? COMMANDS[commandName] : undefined;
    if (commandName && !command) {
      throw new UsageError(
        `Unknown command "${commandName}". Available: ${Object.keys(COMMANDS).join(', ')}. Run \`recurrent --help\`.`,
      );
    }
    const { values, positionals } = parseFlags([...globalFlags, ...(command?.flags ?? [])], argv);
    if (!commandName || !command) {
      io.out(HELP);
      return values.help ? 0 : 2;
    }
    if (values.help) {
      io.out(commandHelp(commandName));
      return 0;
    }
    const backend = values.backend as BackendName | 'auto';
    const [, target] = positionals;
    switch (commandName) {
      case 'doctor':
        return await doctor({ backend, json: Boolean(values.json) }, io);
      case 'train': {
        if (target !== 'char-lm') {
          throw new UsageError(
            `recurrent train: unknown task "${target ?? ''}". Available: char-lm. Example: recurrent train char-lm --preset tiny`,
          );
        }
        return await trainCharLmCommand(values, io, await activateBackend(backend, io));
      }
      case 'sample':
        await activateBackend(backend, io);
        return await sampleCommand(target, values, io);
      case 'eval':
        await activateBackend(backend, io);
        return await evalCommand(target, values, io);
      default:
        return await exportCommand(target, values, io);
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
