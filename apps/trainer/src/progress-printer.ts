/**
 * Renders training progress: on a terminal, one live line rewritten in place; otherwise
 * (a pipe, a CI log) a plain line every `logEvery` steps. Evaluations, checkpoints and
 * warnings always get their own lines.
 */
import type { TrainProgress } from '@recurrent/train';
import { formatCount, formatDuration } from './format-duration.js';
import type { Io } from './io.js';

export interface ProgressPrinter {
  (event: TrainProgress): void;
  /** Prints a line without breaking the live line. */
  line(text: string): void;
}

export function stepLine(e: Extract<TrainProgress, { kind: 'step' }>): string {
  const rate =
    e.tokensPerSecond !== undefined
      ? `${formatCount(e.tokensPerSecond)} tok/s`
      : `${e.itemsPerSecond.toFixed(1)} seq/s`;
  return `step ${e.step}/${e.totalSteps} | loss ${e.loss.toFixed(4)} | ${rate} | lr ${e.learningRate.toExponential(2)} | grad ${e.gradNorm.toFixed(2)}${e.clipped ? ' (clipped)' : ''} | eta ${formatDuration(e.etaMs)}`;
}

export function progressPrinter(
  io: Io & { write?: (text: string) => void },
  options: { logEvery: number },
): ProgressPrinter {
  let live = false;
  const clearLive = () => {
    if (live && io.write) io.write('\r\x1b[2K');
    live = false;
  };
  const line = (text: string) => {
    clearLive();
    io.out(text);
  };
  const printer = ((event: TrainProgress) => {
    switch (event.kind) {
      case 'step':
        if (io.isTty && io.write) {
          io.write(`\r\x1b[2K${stepLine(event)}`);
          live = true;
        } else if (
          event.step % options.logEvery === 0 ||
          event.step === event.totalSteps ||
          event.step === 1
        ) {
          line(stepLine(event));
        }
        break;
      case 'eval': {
        const m = event.metrics;
        const parts = Object.entries(m).map(([k, v]) => `${k} ${v.toFixed(4)}`);
        line(
          `eval step ${event.step} | ${parts.join(' | ')}${event.improved ? ' | best so far' : ''}`,
        );
        break;
      }
      case 'checkpoint':
        line(`checkpoint step ${event.step} -> ${event.path}`);
        break;
      case 'resumed':
        line(`resumed from ${event.path} at step ${event.step}`);
        break;
      case 'warning':
        line(`warning: ${event.message}`);
        break;
      case 'done':
        line(
          `done: ${event.reason} at step ${event.step}/${event.totalSteps} in ${formatDuration(event.elapsedMs)}`,
        );
        break;
    }
  }) as ProgressPrinter;
  printer.line = line;
  return printer;
}
