/**
 * Thrown when a step's loss or gradient norm is NaN or infinite (and onNonFinite is 'error').
 * The update is not applied and no checkpoint is written, so the last good one stays intact.
 */
import { RecurrentError } from '@recurrent/errors';

export class NonFiniteLossError extends RecurrentError {
  override name = 'NonFiniteLossError';
  /** The update that failed (1-based, as in progress events); its batch is batchAt(step - 1). */
  readonly step: number;
  readonly loss: number;
  readonly gradNorm: number;
  /** The last complete checkpoint, or null when none was written or resumed. */
  readonly lastCheckpoint: string | null;

  constructor(info: {
    step: number;
    loss: number;
    gradNorm: number;
    lastCheckpoint: string | null;
  }) {
    const where = info.lastCheckpoint
      ? `The last good checkpoint is ${info.lastCheckpoint}.`
      : 'No checkpoint was written yet.';
    super(
      `train: the loss at step ${info.step} (batch ${info.step - 1}) is ${info.loss} with gradient norm ${info.gradNorm}; ` +
        `stopped without applying it. ${where} Lower the learning rate, check the batch for NaN/Inf, ` +
        "or pass onNonFinite: 'skip' to skip such batches.",
    );
    this.step = info.step;
    this.loss = info.loss;
    this.gradNorm = info.gradNorm;
    this.lastCheckpoint = info.lastCheckpoint;
  }
}
