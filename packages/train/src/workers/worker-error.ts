/**
 * The error a data-parallel run stops with when one of its workers throws, dies or cannot
 * start: it names the worker (`worker 1 of 2`) and what happened there. The run's last
 * checkpoint is untouched: the failed step is never applied.
 */
import { RecurrentError } from '@recurrent/errors';

export class WorkerError extends RecurrentError {
  override name = 'WorkerError';
  /** 0-based index of the worker that failed. */
  readonly worker: number;

  constructor(worker: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.worker = worker;
  }
}
