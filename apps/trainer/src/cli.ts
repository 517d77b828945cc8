/**
 * The `recurrent` command line: parses global flags, dispatches to a command, and turns
 * every error into one clear message and an exit code (only bin.ts exits the process).
 */
import { parseArgs } from 'node:util';
import type { BackendName } from '@recurrent/backends';
import { RecurrentError } from '@recurrent/errors';
import { doctor } from './commands/doctor.js';
import type { Io } from './io.js';
import { UsageError } from './usage-error.js';

const BACKENDS: readonly (BackendName | 'auto')[] = ['auto', 'node-gpu', 'node', 'wasm', 'cpu'];

export const HELP = `recurrent: train, sample, evaluate and export RNN models on TensorFlow.js

Usage: recurrent <command> [flags]

Commands:
  doctor          which tensor backends this machine offers and why the others cannot run

Global flags:
  --backend <name>  tensor backend: ${BACKENDS.join(', ')} (default auto: the fastest that loads)
  --json            machine-readable output where a command supports it
  -h, --help        this help`;

function parseBackend(value: string | undefined): BackendName | 'auto' {
  const backend = (value ?? 'auto') as BackendName | 'auto';
  if (!BACKENDS.includes(backend)) {
    throw new UsageError(
      `Unknown backend "${value}". Available: ${BACKENDS.join(', ')}. (webgl and webgpu run only in a browser: see the demo.)`,
    );
  }
  return backend;
}

export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        backend: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    const [command] = positionals;
    if (values.help || !command) {
      io.out(HELP);
      return command || values.help ? 0 : 2;
    }
    const backend = parseBackend(values.backend);
    switch (command) {
      case 'doctor':
        return await doctor({ backend, json: values.json ?? false }, io);
      default:
        throw new UsageError(
          `Unknown command "${command}". Available: doctor. Run \`recurrent --help\`.`,
        );
    }
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error instanceof TypeError &&
        (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
    ) {
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
