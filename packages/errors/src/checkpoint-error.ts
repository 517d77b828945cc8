import { RecurrentError } from './recurrent-error.js';

/** A checkpoint is missing, corrupt, from a newer format version or does not match its config. */
export class CheckpointError extends RecurrentError {
  override name = 'CheckpointError';
}
