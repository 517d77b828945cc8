#!/usr/bin/env node
/**
 * The `recurrent` binary: the only place that exits the process. Ctrl-C or SIGTERM aborts
 * the command's signal (training finishes its step and saves `latest/`); a second Ctrl-C
 * quits at once. When the reader of stdout goes away (`recurrent sample run | head`), output
 * is dropped from then on: sampling stops, training goes on and keeps its JSONL log.
 */
import { runCli } from './cli.js';
import { createProcessIo } from './io.js';

const state = { stdoutClosed: false };
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  if (!state.stdoutClosed) {
    state.stdoutClosed = true;
    process.stderr.write(
      'recurrent: stdout was closed; carrying on without it (a training run still writes its log.jsonl)\n',
    );
  }
});

const controller = new AbortController();
let interrupts = 0;
const onSignal = (name: 'SIGINT' | 'SIGTERM') => () => {
  interrupts += 1;
  if (interrupts > 1) process.exit(name === 'SIGINT' ? 130 : 143);
  controller.abort(name);
};
process.on('SIGINT', onSignal('SIGINT'));
process.on('SIGTERM', onSignal('SIGTERM'));

runCli(process.argv.slice(2), createProcessIo(state), { signal: controller.signal }).then(
  (code) => {
    process.exitCode = code;
    process.removeAllListeners('SIGINT');
    process.removeAllListeners('SIGTERM');
  },
  (error: unknown) => {
    process.stderr.write(
      `recurrent: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
